import { StrataError } from '@strata/modules/errors';

/** Every action a webhook can ask for: the dataset events of the audit log (docs/design/collaboration.md). */
export const WEBHOOK_ACTIONS: readonly string[] = [
  'branch.created',
  'branch.deleted',
  'tag.created',
  'commit.created',
  'proposal.opened',
  'proposal.closed',
  'proposal.reopened',
  'proposal.merged',
  'review.submitted',
  'review.dismissed',
  'protection.set',
  'protection.removed',
  'status.set',
  'issue.opened',
  'issue.edited',
  'issue.closed',
  'issue.reopened',
  'label.created',
  'label.deleted',
  'thread.labeled',
  'thread.unlabeled',
  'thread.assigned',
  'thread.unassigned',
  'comment.added',
  'comment.edited',
  'comment.deleted',
  'release.published',
  'release.edited',
  'dataset.role_granted',
  'dataset.role_revoked',
  'dataset.visibility_set',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.redelivered',
  'webhook.deactivated',
];

/** Who read what is for site admins' audit only (collaboration.md): never sent to a webhook. */
const NEVER_SENT = 'data.read';

/**
 * The actions a webhook asks for, checked: `*`, a name of WEBHOOK_ACTIONS, or a prefix ending in
 * a dot that names some (`proposal.`); `webhook.invalid_action` otherwise.
 */
export function checkActions(actions: readonly string[]): string[] {
  if (actions.length === 0 || actions.length > 50) {
    throw new StrataError('webhook.invalid_action', 'invalid', 'A webhook asks for 1 to 50 actions (or `*`).');
  }
  for (const action of actions) {
    const known =
      action === '*' ||
      (action.endsWith('.')
        ? WEBHOOK_ACTIONS.some((name) => name.startsWith(action))
        : WEBHOOK_ACTIONS.includes(action));
    if (!known) {
      throw new StrataError(
        'webhook.invalid_action',
        'invalid',
        `'${action}' is not an action a webhook can receive: name one of ${WEBHOOK_ACTIONS.join(', ')}, a prefix ending in a dot, or *.`,
        { details: { action } },
      );
    }
  }
  return [...new Set(actions)];
}

/** Whether an event with `action` is one the webhook asked for. */
export function wantsAction(actions: readonly string[], action: string): boolean {
  if (action === NEVER_SENT) return false;
  return actions.some((wanted) =>
    wanted === '*' ? true : wanted.endsWith('.') ? action.startsWith(wanted) : action === wanted,
  );
}
