import { StrataError } from '@strata/modules/errors';
import type { DatasetRecord, ProtectionRule, Role } from '@strata/models';
import type { Actor } from '../access/actor.js';
import { roleRank } from '../access/decide-role.js';
import { requireAccess } from '../access/require-access.js';
import { recordEvent } from '../audit/audit.js';
import type { VersioningDeps } from '../versioning/versioning-deps.js';

export interface ProtectionSettings {
  requiredApprovals: number;
  dismissStaleReviews: boolean;
  blockDirectWrites: boolean;
  requiredChecks: string[];
}

const MAX_APPROVALS = 20;
const MAX_CHECKS = 50;

/**
 * Whether a branch name matches a protection pattern: `*` matches any run of characters but `/`,
 * `**` any run including `/` (GitHub's fnmatch-style rules); everything else matches itself.
 */
export function matchesPattern(pattern: string, branch: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') source += '[^/]*';
    else source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(branch);
}

/**
 * The rule that applies to a branch: an exact pattern wins over wildcards; among wildcards, the
 * longest pattern (the most specific) wins. Undefined when the branch is unprotected.
 */
export function ruleFor(rules: readonly ProtectionRule[], branch: string): ProtectionRule | undefined {
  const exact = rules.find((rule) => rule.pattern === branch);
  if (exact !== undefined) return exact;
  return rules
    .filter((rule) => matchesPattern(rule.pattern, branch))
    .sort((a, b) => b.pattern.length - a.pattern.length)[0];
}

export async function protectionFor(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  branch: string,
): Promise<ProtectionRule | undefined> {
  return ruleFor(await deps.database.read().proposals.protections(dataset.id), branch);
}

/**
 * Refuses a direct write (STOW-RS, DELETE, reject, push) to a branch whose protection blocks
 * them, unless the writer is a dataset admin: changes reach it through a change proposal.
 */
export async function requireDirectWrite(
  deps: VersioningDeps,
  dataset: DatasetRecord,
  branch: string,
  role: Role,
): Promise<void> {
  if (roleRank(role) >= roleRank('admin')) return;
  const rule = await protectionFor(deps, dataset, branch);
  if (rule?.blockDirectWrites === true) {
    throw new StrataError(
      'branch.protected',
      'forbidden',
      `Branch ${branch} of ${dataset.owner}/${dataset.name} is protected (${rule.pattern}): write to another branch and open a change proposal.`,
      { details: { branch, pattern: rule.pattern } },
    );
  }
}

export async function listProtections(deps: VersioningDeps, dataset: DatasetRecord): Promise<ProtectionRule[]> {
  return deps.database.read().proposals.protections(dataset.id);
}

/** Sets the protection of the branches matching `pattern` (dataset admins). */
export async function setBranchProtection(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  pattern: string,
  settings: ProtectionSettings,
): Promise<ProtectionRule> {
  await requireAccess(deps, actor, dataset, 'admin');
  checkPattern(pattern);
  if (!Number.isInteger(settings.requiredApprovals) || settings.requiredApprovals < 0) {
    throw invalid('protection.invalid', 'requiredApprovals must be a whole number ≥ 0.');
  }
  if (settings.requiredApprovals > MAX_APPROVALS) {
    throw invalid('protection.invalid', `requiredApprovals must be at most ${MAX_APPROVALS}.`);
  }
  const checks = [...new Set(settings.requiredChecks)];
  if (checks.length > MAX_CHECKS || checks.some((check) => !validContext(check))) {
    throw invalid(
      'protection.invalid',
      `requiredChecks: at most ${MAX_CHECKS} contexts of 1–100 printable characters.`,
    );
  }
  const rule = {
    datasetId: dataset.id,
    pattern,
    requiredApprovals: settings.requiredApprovals,
    dismissStaleReviews: settings.dismissStaleReviews,
    blockDirectWrites: settings.blockDirectWrites,
    requiredChecks: checks,
    updatedAt: deps.now(),
  };
  return deps.database.transaction(async (repositories) => {
    await repositories.proposals.setProtection(rule);
    await recordEvent(repositories, deps, actor, 'protection.set', {
      datasetId: dataset.id,
      subject: `${dataset.owner}/${dataset.name}@${pattern}`,
      data: { pattern, ...settings, requiredChecks: checks },
    });
    const saved = (await repositories.proposals.protections(dataset.id)).find((r) => r.pattern === pattern);
    if (saved === undefined) throw new Error('the protection rule just written is not there');
    return saved;
  });
}

/** Removes the protection rule for `pattern` (dataset admins); `protection.not_found` if none. */
export async function removeBranchProtection(
  deps: VersioningDeps,
  actor: Actor,
  dataset: DatasetRecord,
  pattern: string,
): Promise<void> {
  await requireAccess(deps, actor, dataset, 'admin');
  await deps.database.transaction(async (repositories) => {
    if (!(await repositories.proposals.removeProtection(dataset.id, pattern))) {
      throw new StrataError('protection.not_found', 'not_found', `No protection rule '${pattern}'.`, {
        details: { pattern },
      });
    }
    await recordEvent(repositories, deps, actor, 'protection.removed', {
      datasetId: dataset.id,
      subject: `${dataset.owner}/${dataset.name}@${pattern}`,
    });
  });
}

function checkPattern(pattern: string): void {
  if (pattern.length === 0 || pattern.length > 255 || /[\s\\~^:?[\]]|\.\.|\/\/|^\/|\/$/.test(pattern)) {
    throw invalid(
      'protection.invalid',
      'A pattern is a branch name in which * matches within one path segment and ** across segments.',
    );
  }
}

/** A status check context: 1–100 printable ASCII characters. */
export function validContext(context: string): boolean {
  return /^[\x21-\x7e][\x20-\x7e]{0,99}$/.test(context);
}

function invalid(code: string, message: string): StrataError {
  return new StrataError(code, 'invalid', message);
}
