import { commentsOfThread } from '@strata/services/collaboration';
import type { GraphqlContext } from '../context.js';
import type { Account } from '../types/object-types.js';
import type { CommentConnection, Label } from '../types/discussion-types.js';
import { accountOf } from './convert.js';
import { commentOf, labelOf } from './discussion-convert.js';
import { pageSize } from './page-size.js';

// What issues and proposals share as threads, resolved the same way for both, batched across a
// list by the request's DataLoaders.

export async function threadAssignees(threadId: string, { loaders }: GraphqlContext): Promise<Account[]> {
  const ids = await loaders.threadAssignees.load(threadId);
  const accounts = await loaders.accounts.loadMany(ids);
  return accounts.flatMap((account) => {
    if (account instanceof Error) throw account;
    return account === undefined ? [] : [accountOf(account)];
  });
}

export async function threadLabels(threadId: string, { loaders }: GraphqlContext): Promise<Label[]> {
  return (await loaders.threadLabels.load(threadId)).map(labelOf);
}

export async function threadComments(
  threadId: string,
  first: number,
  after: string | null | undefined,
  { deps }: GraphqlContext,
): Promise<CommentConnection> {
  const page = await commentsOfThread(deps, threadId, { first: pageSize(first), after: after ?? undefined });
  return {
    nodes: page.items.map(commentOf),
    pageInfo: { hasNextPage: page.next !== undefined, endCursor: page.next ?? null },
  };
}

export async function authorAccount(authorId: string | null, { loaders }: GraphqlContext): Promise<Account | null> {
  const account = authorId === null ? undefined : await loaders.accounts.load(authorId);
  return account === undefined ? null : accountOf(account);
}
