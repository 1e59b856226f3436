import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import {
  addComment,
  createLabel,
  createRelease,
  deleteComment,
  deleteLabel,
  editComment,
  editIssue,
  editRelease,
  openIssue,
  setAssignee,
  setIssueState,
  setThreadLabel,
  type AnchorRequest,
} from '@strata/services/collaboration';
import type { GraphqlContext } from '../context.js';
import { AnchorInput, CitationInput, Comment, Issue, Label, Release } from '../types/discussion-types.js';
import { commentOf, issueOf, labelOf, releaseOf } from './discussion-convert.js';

const DATASET = { description: 'owner/name' };

/** Issues, labels, assignees, comments and releases; every rule is the services'. */
@Resolver()
export class DiscussionMutations {
  @Mutation(() => Issue, { description: 'Opens an issue (anyone signed in who can read the dataset).' })
  async openIssue(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('title', () => String) title: string,
    @Arg('body', () => String, { nullable: true }) body: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Issue> {
    return issueOf(await openIssue(deps, actor, dataset, { title, body: body ?? undefined }));
  }

  @Mutation(() => Issue, { description: 'Edits the title and/or body (its author, or WRITE).' })
  async editIssue(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('number', () => Int) number: number,
    @Arg('title', () => String, { nullable: true }) title: string | null,
    @Arg('body', () => String, { nullable: true }) body: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Issue> {
    return issueOf(
      await editIssue(deps, actor, dataset, number, { title: title ?? undefined, body: body ?? undefined }),
    );
  }

  @Mutation(() => Issue, { description: 'Closes an issue (its author, or WRITE).' })
  async closeIssue(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('number', () => Int) number: number,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Issue> {
    return issueOf(await setIssueState(deps, actor, dataset, number, 'closed'));
  }

  @Mutation(() => Issue, { description: 'Reopens an issue (its author, or WRITE).' })
  async reopenIssue(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('number', () => Int) number: number,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Issue> {
    return issueOf(await setIssueState(deps, actor, dataset, number, 'open'));
  }

  @Mutation(() => Label, { description: 'Creates a label (WRITE).' })
  async createLabel(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('name', () => String) name: string,
    @Arg('color', () => String) color: string,
    @Arg('description', () => String, { nullable: true }) description: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Label> {
    return labelOf(await createLabel(deps, actor, dataset, { name, color, description: description ?? undefined }));
  }

  @Mutation(() => Boolean, { description: 'Deletes a label, taking it off every thread (WRITE).' })
  async deleteLabel(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('name', () => String) name: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<boolean> {
    await deleteLabel(deps, actor, dataset, name);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Puts a label on issue or proposal #number, or takes it off (WRITE).' })
  async setLabel(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('number', () => Int) number: number,
    @Arg('label', () => String) label: string,
    @Arg('on', () => Boolean) on: boolean,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<boolean> {
    await setThreadLabel(deps, actor, dataset, number, label, on);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Assigns a user to #number, or unassigns them (WRITE; at most 10).' })
  async setAssignee(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('number', () => Int) number: number,
    @Arg('login', () => String) login: string,
    @Arg('assigned', () => Boolean) assigned: boolean,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<boolean> {
    await setAssignee(deps, actor, dataset, number, login, assigned);
    return true;
  }

  @Mutation(() => Comment, { description: 'Comments on issue or proposal #number, optionally anchored to an image.' })
  async addComment(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('number', () => Int) number: number,
    @Arg('body', () => String) body: string,
    @Arg('anchor', () => AnchorInput, { nullable: true }) anchor: AnchorInput | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Comment> {
    return commentOf(
      await addComment(deps, actor, dataset, number, {
        body,
        ...(given(anchor) ? { anchor: anchorRequestOf(anchor) } : {}),
      }),
    );
  }

  @Mutation(() => Comment, { description: 'Edits a comment (its author only).' })
  async editComment(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('id', () => ID) id: string,
    @Arg('body', () => String) body: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Comment> {
    return commentOf(await editComment(deps, actor, dataset, id, body));
  }

  @Mutation(() => Comment, { description: 'Deletes a comment, leaving an empty tombstone (its author, or ADMIN).' })
  async deleteComment(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('id', () => ID) id: string,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Comment> {
    return commentOf(await deleteComment(deps, actor, dataset, id));
  }

  @Mutation(() => Release, {
    description:
      'Publishes a release: an immutable tag at `at` (default branch) and its record (WRITE); with existingTag, the tag that already exists (release.exists if it has a release).',
  })
  async createRelease(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('tag', () => String) tag: string,
    @Arg('at', () => String, { nullable: true }) at: string | null,
    @Arg('existingTag', () => Boolean, { defaultValue: false, description: 'Release the tag `tag` that exists.' })
    existingTag: boolean,
    @Arg('title', () => String) title: string,
    @Arg('notes', () => String, { nullable: true }) notes: string | null,
    @Arg('citation', () => CitationInput) citation: CitationInput,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Release> {
    const release = await createRelease(deps, actor, dataset, {
      tag,
      ...(given(at) ? { at } : {}),
      existingTag,
      title,
      ...(given(notes) ? { notes } : {}),
      citation: {
        authors: citation.authors.map((author) => ({
          name: author.name,
          ...(!given(author.affiliation) ? {} : { affiliation: author.affiliation }),
          ...(!given(author.orcid) ? {} : { orcid: author.orcid }),
        })),
        version: citation.version,
        license: citation.license,
        ...(!given(citation.doi) ? {} : { doi: citation.doi }),
      },
    });
    return releaseOf(release.dataset, release.release);
  }

  @Mutation(() => Release, { description: 'Edits a release’s title or notes (WRITE); nothing else of it changes.' })
  async editRelease(
    @Arg('dataset', () => String, DATASET) dataset: string,
    @Arg('tag', () => String) tag: string,
    @Arg('title', () => String, { nullable: true }) title: string | null,
    @Arg('notes', () => String, { nullable: true }) notes: string | null,
    @Ctx() { deps, actor }: GraphqlContext,
  ): Promise<Release> {
    const release = await editRelease(deps, actor, dataset, tag, {
      title: title ?? undefined,
      notes: notes ?? undefined,
    });
    return releaseOf(release.dataset, release.release);
  }
}

function anchorRequestOf(anchor: AnchorInput): AnchorRequest {
  return {
    commit: anchor.commitId,
    study: anchor.studyInstanceUid,
    ...(!given(anchor.seriesInstanceUid) ? {} : { series: anchor.seriesInstanceUid }),
    ...(!given(anchor.sopInstanceUid) ? {} : { instance: anchor.sopInstanceUid }),
    ...(!given(anchor.frame) ? {} : { frame: anchor.frame }),
    ...(!given(anchor.region)
      ? {}
      : {
          region: {
            x: anchor.region.x,
            y: anchor.region.y,
            ...(!given(anchor.region.width) ? {} : { width: anchor.region.width }),
            ...(!given(anchor.region.height) ? {} : { height: anchor.region.height }),
          },
        }),
  };
}

/** Whether an optional input field was given (GraphQL sends null or leaves it out). */
function given<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}
