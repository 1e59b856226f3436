import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import {
  anchoredComments,
  getIssue,
  getRelease,
  listIssues,
  listLabels,
  listReleases,
} from '@strata/services/collaboration';
import type { GraphqlContext } from '../context.js';
import { Account, Dataset } from '../types/object-types.js';
import {
  Comment,
  CommentConnection,
  Issue,
  IssueConnection,
  IssueStateValue,
  Label,
  Release,
  ReleaseConnection,
} from '../types/discussion-types.js';
import { accountOf, recordOf } from './convert.js';
import {
  commentOf,
  commentRecordOf,
  issueOf,
  labelOf,
  releaseOf,
  releaseRecordOf,
  threadRecordOf,
} from './discussion-convert.js';
import { pageSize } from './page-size.js';
import { authorAccount, threadAssignees, threadComments, threadLabels } from './thread-fields.js';

const fullNameOf = (dataset: Dataset) => dataset.fullName;

/** A dataset's issues, labels, releases and anchored comments. */
@Resolver(() => Dataset)
export class DatasetDiscussionResolver {
  @FieldResolver(() => IssueConnection, { description: 'Issues, newest first, filtered by state, label and assignee.' })
  async issues(
    @Root() dataset: Dataset,
    @Arg('states', () => [IssueStateValue], { nullable: true }) states: IssueStateValue[] | null,
    @Arg('label', () => String, { nullable: true, description: 'A label name (any case).' }) label: string | null,
    @Arg('assignee', () => String, { nullable: true, description: 'A login.' }) assignee: string | null,
    @Arg('first', () => Int, { defaultValue: 30 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<IssueConnection> {
    const page = await listIssues(
      deps,
      actor,
      fullNameOf(dataset),
      { states: states ?? undefined, label: label ?? undefined, assignee: assignee ?? undefined },
      { first: pageSize(first), after: after ?? undefined },
    );
    return {
      nodes: page.items.map(issueOf),
      pageInfo: { hasNextPage: page.next !== undefined, endCursor: page.next ?? null },
    };
  }

  @FieldResolver(() => Issue, { description: 'Issue #number; `thread.not_found` if there is none.' })
  async issue(
    @Root() dataset: Dataset,
    @Arg('number', () => Int) number: number,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Issue> {
    return issueOf(await getIssue(deps, actor, fullNameOf(dataset), number));
  }

  @FieldResolver(() => [Label], { description: 'The dataset’s labels, by name.' })
  async labels(@Root() dataset: Dataset, @Ctx() { deps, actor }: GraphqlContext): Promise<Label[]> {
    return (await listLabels(deps, actor, fullNameOf(dataset))).map(labelOf);
  }

  @FieldResolver(() => ReleaseConnection, { description: 'Releases, newest first.' })
  async releases(
    @Root() dataset: Dataset,
    @Arg('first', () => Int, { defaultValue: 30 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<ReleaseConnection> {
    const page = await listReleases(deps, actor, fullNameOf(dataset), {
      first: pageSize(first),
      after: after ?? undefined,
    });
    return {
      nodes: page.items.map((release) => releaseOf(recordOf(dataset), release)),
      pageInfo: { hasNextPage: page.next !== undefined, endCursor: page.next ?? null },
    };
  }

  @FieldResolver(() => Release, { description: 'The release of a tag; `release.not_found` if the tag has none.' })
  async release(
    @Root() dataset: Dataset,
    @Arg('tag', () => String) tag: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Release> {
    const found = await getRelease(deps, actor, fullNameOf(dataset), tag);
    return releaseOf(found.dataset, found.release);
  }

  @FieldResolver(() => CommentConnection, {
    description: 'Comments anchored to a study, or a series of it, or an instance, at any commit: what a viewer shows.',
  })
  async anchoredComments(
    @Root() dataset: Dataset,
    @Arg('studyInstanceUid', () => String) study: string,
    @Arg('seriesInstanceUid', () => String, { nullable: true }) series: string | null,
    @Arg('sopInstanceUid', () => String, { nullable: true }) instance: string | null,
    @Arg('first', () => Int, { defaultValue: 30 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<CommentConnection> {
    const page = await anchoredComments(
      deps,
      actor,
      fullNameOf(dataset),
      { study, series: series ?? undefined, instance: instance ?? undefined },
      { first: pageSize(first), after: after ?? undefined },
    );
    return {
      nodes: page.items.map(commentOf),
      pageInfo: { hasNextPage: page.next !== undefined, endCursor: page.next ?? null },
    };
  }
}

/** An issue's people, labels and comments, batched across a list by the request's DataLoaders. */
@Resolver(() => Issue)
export class IssueResolver {
  @FieldResolver(() => Account, { nullable: true, description: 'Null once the author’s account is deleted.' })
  async author(@Root() issue: Issue, @Ctx() context: GraphqlContext): Promise<Account | null> {
    return authorAccount(threadRecordOf(issue).authorId, context);
  }

  @FieldResolver(() => [Account])
  async assignees(@Root() issue: Issue, @Ctx() context: GraphqlContext): Promise<Account[]> {
    return threadAssignees(issue.id, context);
  }

  @FieldResolver(() => [Label])
  async labels(@Root() issue: Issue, @Ctx() context: GraphqlContext): Promise<Label[]> {
    return threadLabels(issue.id, context);
  }

  @FieldResolver(() => Int, { description: 'Comments not deleted.' })
  async commentCount(@Root() issue: Issue, @Ctx() { loaders }: GraphqlContext): Promise<number> {
    return loaders.commentCounts.load(issue.id);
  }

  @FieldResolver(() => CommentConnection, { description: 'Oldest first; deleted ones stay in place, empty.' })
  async comments(
    @Root() issue: Issue,
    @Arg('first', () => Int, { defaultValue: 30 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: GraphqlContext,
  ): Promise<CommentConnection> {
    return threadComments(issue.id, first, after, context);
  }
}

@Resolver(() => Comment)
export class CommentResolver {
  @FieldResolver(() => Account, { nullable: true, description: 'Null once the author’s account is deleted.' })
  async author(@Root() comment: Comment, @Ctx() { loaders }: GraphqlContext): Promise<Account | null> {
    const id = commentRecordOf(comment).authorId;
    const account = id === null ? undefined : await loaders.accounts.load(id);
    return account === undefined ? null : accountOf(account);
  }
}

@Resolver(() => Release)
export class ReleaseResolver {
  @FieldResolver(() => Account, { nullable: true, description: 'Who published it.' })
  async author(@Root() release: Release, @Ctx() { loaders }: GraphqlContext): Promise<Account | null> {
    const id = releaseRecordOf(release).authorId;
    const account = id === null ? undefined : await loaders.accounts.load(id);
    return account === undefined ? null : accountOf(account);
  }
}
