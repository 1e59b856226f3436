import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { graphql } from '../../../../gql';
import { ApiError, attempt, query } from '../../../../lib/api';
import { DatasetNav } from '../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../lib/components/error-notice';
import { MutationForm } from '../../../../lib/components/mutation-form';
import { leaveUnlessReadable, when } from '../../../../lib/page-access';
import { paths, refOf } from '../../../../lib/paths';

interface Props {
  params: Promise<{ owner: string; name: string }>;
}

const SettingsQuery = graphql(`
  query DatasetSettings($owner: String!, $name: String!, $dataset: String!) {
    dataset(owner: $owner, name: $name) {
      fullName
      visibility
      members {
        grantee
        kind
        role
      }
      branchProtections {
        pattern
        requiredApprovals
        dismissStaleReviews
        blockDirectWrites
        requiredChecks
        updatedAt
      }
    }
    webhooks(dataset: $dataset) {
      id
      url
      actions
      active
      createdAt
      deliveries {
        id
        action
        state
        attempts
        responseStatus
        lastError
        createdAt
      }
    }
  }
`);

const SetVisibility = graphql(`
  mutation SetVisibility($dataset: String!, $visibility: Visibility!) {
    setVisibility(dataset: $dataset, visibility: $visibility) {
      visibility
    }
  }
`);

const GrantRole = graphql(`
  mutation GrantRole($dataset: String!, $grantee: String!, $role: Role!) {
    grantRole(dataset: $dataset, grantee: $grantee, role: $role) {
      grantee
    }
  }
`);

const RevokeRole = graphql(`
  mutation RevokeRole($dataset: String!, $grantee: String!) {
    revokeRole(dataset: $dataset, grantee: $grantee) {
      grantee
    }
  }
`);

const SetBranchProtection = graphql(`
  mutation SetBranchProtection(
    $dataset: String!
    $pattern: String!
    $requiredApprovals: Int!
    $dismissStaleReviews: Boolean!
    $blockDirectWrites: Boolean!
    $requiredChecks: [String!]!
  ) {
    setBranchProtection(
      dataset: $dataset
      pattern: $pattern
      requiredApprovals: $requiredApprovals
      dismissStaleReviews: $dismissStaleReviews
      blockDirectWrites: $blockDirectWrites
      requiredChecks: $requiredChecks
    ) {
      pattern
    }
  }
`);

const RemoveBranchProtection = graphql(`
  mutation RemoveBranchProtection($dataset: String!, $pattern: String!) {
    removeBranchProtection(dataset: $dataset, pattern: $pattern)
  }
`);

const CreateWebhook = graphql(`
  mutation CreateWebhook($dataset: String!, $url: String!, $actions: [String!]!, $secret: String) {
    createWebhook(dataset: $dataset, url: $url, actions: $actions, secret: $secret) {
      secret
      webhook {
        id
      }
    }
  }
`);

const DeleteWebhook = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

const RedeliverWebhook = graphql(`
  mutation RedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      id
      state
    }
  }
`);

const ROLES = [
  { value: 'READ', label: 'read' },
  { value: 'WRITE', label: 'write' },
  { value: 'ADMIN', label: 'admin' },
];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `Settings · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/settings`: visibility, members, branch protection and webhooks (admins; others get a 404). */
export default async function SettingsPage({ params }: Props) {
  const { owner: rawOwner, name: rawName } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const fullName = `${owner}/${name}`;
  const result = await attempt(query(SettingsQuery, { owner, name, dataset: fullName }));
  leaveUnlessReadable(result, paths.settings(owner, name));
  if (result instanceof ApiError && result.code === 'auth.forbidden') notFound();
  if (result instanceof Error)
    return <ErrorNotice title={`The settings of ${fullName} could not be shown`} error={result} />;
  const { dataset, webhooks } = result;
  const protectionFields = (rule?: (typeof dataset.branchProtections)[number]) => [
    {
      name: 'requiredApprovals',
      label: 'Approvals required',
      kind: 'number' as const,
      required: true,
      defaultValue: rule?.requiredApprovals ?? 1,
    },
    {
      name: 'dismissStaleReviews',
      label: 'Dismiss approvals when new commits arrive',
      kind: 'checkbox' as const,
      defaultValue: rule?.dismissStaleReviews ?? true,
    },
    {
      name: 'blockDirectWrites',
      label: 'Block direct writes (STOW-RS, push) except by admins',
      kind: 'checkbox' as const,
      defaultValue: rule?.blockDirectWrites ?? true,
    },
    {
      name: 'requiredChecks',
      label: 'Required checks',
      list: true,
      defaultValue: rule?.requiredChecks.join(', ') ?? '',
      placeholder: 'qa/deid, qa/dose',
      help: 'Comma-separated check contexts that must pass.',
    },
  ];
  return (
    <article className="stack">
      <h1>
        <Link href={paths.dataset(owner, name)}>{dataset.fullName}</Link>: settings
      </h1>
      <DatasetNav owner={owner} name={name} current="settings" />

      <section aria-labelledby="visibility-title" className="stack box">
        <h2 id="visibility-title">Visibility</h2>
        <p>
          Now <strong>{dataset.visibility.toLowerCase()}</strong>. Public: anyone; internal: anyone signed in; private:
          members and grantees only.
        </p>
        <MutationForm
          label="Change the visibility"
          mutation={SetVisibility.toString()}
          fixed={{ dataset: fullName }}
          inline
          fields={[
            {
              name: 'visibility',
              label: 'Visibility',
              kind: 'select',
              defaultValue: dataset.visibility,
              options: [
                { value: 'PRIVATE', label: 'private' },
                { value: 'INTERNAL', label: 'internal' },
                { value: 'PUBLIC', label: 'public' },
              ],
            },
          ]}
          submitLabel="Change visibility"
        />
      </section>

      <section aria-labelledby="members-title" className="stack box">
        <h2 id="members-title">Members and teams</h2>
        {dataset.members.length === 0 ? (
          <p>No one holds a role through a grant.</p>
        ) : (
          <table>
            <caption className="muted">Roles granted on this dataset</caption>
            <thead>
              <tr>
                <th scope="col">User or team</th>
                <th scope="col">Role</th>
                <th scope="col">Revoke</th>
              </tr>
            </thead>
            <tbody>
              {dataset.members.map((member) => (
                <tr key={member.grantee}>
                  <th scope="row">
                    {member.kind === 'TEAM' ? (
                      <>
                        team <Link href={paths.owner(member.grantee.split('/')[0] ?? '')}>{member.grantee}</Link>
                      </>
                    ) : (
                      <Link href={paths.owner(member.grantee)}>{member.grantee}</Link>
                    )}
                  </th>
                  <td>
                    <MutationForm
                      label={`Change the role of ${member.grantee}`}
                      mutation={GrantRole.toString()}
                      fixed={{ dataset: fullName, grantee: member.grantee }}
                      inline
                      fields={[
                        {
                          name: 'role',
                          label: `Role of ${member.grantee}`,
                          kind: 'select',
                          defaultValue: member.role,
                          options: ROLES,
                        },
                      ]}
                      submitLabel="Change"
                    />
                  </td>
                  <td>
                    <MutationForm
                      label={`Revoke the role of ${member.grantee}`}
                      mutation={RevokeRole.toString()}
                      fixed={{ dataset: fullName, grantee: member.grantee }}
                      confirm={`Revoke the role of ${member.grantee} on ${fullName}?`}
                      submitLabel={`Revoke ${member.grantee}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Grant a role</h3>
        <MutationForm
          label="Grant a role"
          mutation={GrantRole.toString()}
          fixed={{ dataset: fullName }}
          inline
          fields={[
            {
              name: 'grantee',
              label: 'User or team',
              required: true,
              placeholder: 'login or org/team',
            },
            { name: 'role', label: 'Role', kind: 'select', defaultValue: 'READ', options: ROLES },
          ]}
          submitLabel="Grant"
        />
      </section>

      <section aria-labelledby="protection-title" className="stack box">
        <h2 id="protection-title">Branch protection</h2>
        {dataset.branchProtections.length === 0 ? (
          <p>No branch is protected.</p>
        ) : (
          <ul className="rules">
            {dataset.branchProtections.map((rule) => (
              <li key={rule.pattern} className="stack">
                <h3>
                  <code>{rule.pattern}</code>
                </h3>
                <p className="muted">
                  {rule.requiredApprovals} approval{rule.requiredApprovals === 1 ? '' : 's'} required
                  {rule.dismissStaleReviews ? ', stale approvals dismissed' : ''}
                  {rule.blockDirectWrites ? ', direct writes blocked' : ''}
                  {rule.requiredChecks.length > 0 ? `, checks: ${rule.requiredChecks.join(', ')}` : ''} · updated{' '}
                  {when(rule.updatedAt)}
                </p>
                <details>
                  <summary>Edit {rule.pattern}</summary>
                  <MutationForm
                    label={`Edit the rule for ${rule.pattern}`}
                    mutation={SetBranchProtection.toString()}
                    fixed={{ dataset: fullName, pattern: rule.pattern }}
                    fields={protectionFields(rule)}
                    submitLabel="Save rule"
                  />
                </details>
                <MutationForm
                  label={`Remove the rule for ${rule.pattern}`}
                  mutation={RemoveBranchProtection.toString()}
                  fixed={{ dataset: fullName, pattern: rule.pattern }}
                  confirm={`Remove the protection of ${rule.pattern}?`}
                  submitLabel={`Remove rule ${rule.pattern}`}
                />
              </li>
            ))}
          </ul>
        )}
        <h3>Protect branches</h3>
        <MutationForm
          label="Add a branch protection rule"
          mutation={SetBranchProtection.toString()}
          fixed={{ dataset: fullName }}
          fields={[
            {
              name: 'pattern',
              label: 'Branch pattern',
              required: true,
              placeholder: 'main or release/*',
              help: '* matches within a segment, ** across segments.',
            },
            ...protectionFields(),
          ]}
          submitLabel="Add rule"
        />
      </section>

      <section aria-labelledby="webhooks-title" className="stack box">
        <h2 id="webhooks-title">Webhooks</h2>
        {webhooks.length === 0 ? (
          <p>No webhooks.</p>
        ) : (
          <ul className="rules">
            {webhooks.map((hook) => (
              <li key={hook.id} className="stack">
                <h3>
                  <code>{hook.url}</code>
                </h3>
                <p className="muted">
                  {hook.active ? 'active' : 'inactive'} · actions: {hook.actions.join(', ')} · created{' '}
                  {when(hook.createdAt)}
                </p>
                {hook.deliveries.length === 0 ? (
                  <p className="muted">No deliveries yet.</p>
                ) : (
                  <table>
                    <caption className="muted">Recent deliveries to {hook.url}</caption>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">Action</th>
                        <th scope="col">State</th>
                        <th scope="col">Attempts</th>
                        <th scope="col">Response</th>
                        <th scope="col">Send again</th>
                      </tr>
                    </thead>
                    <tbody>
                      {hook.deliveries.map((delivery) => (
                        <tr key={delivery.id}>
                          <td>{when(delivery.createdAt)}</td>
                          <td>
                            <code>{delivery.action}</code>
                          </td>
                          <td>{delivery.state.toLowerCase()}</td>
                          <td>{delivery.attempts}</td>
                          <td>{delivery.responseStatus ?? delivery.lastError ?? ''}</td>
                          <td>
                            {/* Only a finished delivery (failed for good, or done) is sent again. */}
                            {(delivery.state === 'FAILED' || delivery.state === 'DONE') && (
                              <MutationForm
                                label={`Redeliver the ${delivery.action} delivery ${delivery.id}`}
                                mutation={RedeliverWebhook.toString()}
                                fixed={{ deliveryId: delivery.id }}
                                submitLabel="Redeliver"
                                inline
                              />
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                <MutationForm
                  label={`Delete the webhook to ${hook.url}`}
                  mutation={DeleteWebhook.toString()}
                  fixed={{ id: hook.id }}
                  confirm={`Delete the webhook to ${hook.url}?`}
                  submitLabel="Delete webhook"
                />
              </li>
            ))}
          </ul>
        )}
        <h3>Add a webhook</h3>
        <MutationForm
          label="Add a webhook"
          mutation={CreateWebhook.toString()}
          fixed={{ dataset: fullName }}
          fields={[
            { name: 'url', label: 'Payload URL', required: true, placeholder: 'https://ci.example/strata' },
            {
              name: 'actions',
              label: 'Actions',
              list: true,
              required: true,
              defaultValue: '*',
              help: 'Comma-separated: action names, prefixes ending in a dot (proposal.), or *.',
            },
            { name: 'secret', label: 'Secret (optional)', help: '16 to 200 characters; generated when empty.' },
          ]}
          reveal={{ path: ['createWebhook', 'secret'], label: 'The webhook’s signing secret' }}
          submitLabel="Add webhook"
        />
      </section>
    </article>
  );
}
