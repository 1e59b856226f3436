import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { graphql } from '../../../../../gql';
import type { ProposalDetailQuery } from '../../../../../gql/graphql';
import { attempt, isNotFound, query } from '../../../../../lib/api';
import { DatasetNav } from '../../../../../lib/components/dataset-nav';
import { DiffView } from '../../../../../lib/components/diff-view';
import { ErrorNotice } from '../../../../../lib/components/error-notice';
import { LiveRefresh } from '../../../../../lib/live/live-refresh';
import { leaveUnlessReadable, when } from '../../../../../lib/page-access';
import { paths, refOf } from '../../../../../lib/paths';
import { CommentForm } from '../../../../../lib/threads/comment-form';
import { StateBadge } from '../../../../../lib/threads/state-badge';
import { ThreadMetaForm } from '../../../../../lib/threads/thread-meta-form';
import { ThreadStateButton } from '../../../../../lib/threads/thread-state-button';
import { DismissReviewButton } from '../../../../../lib/threads/dismiss-review-button';
import { commentEntry, Timeline, type CommentRights, type TimelineEntry } from '../../../../../lib/threads/timeline';
import { MergeForm } from './merge-form';
import { ReviewForm } from './review-form';

interface Props {
  params: Promise<{ owner: string; name: string; number: string }>;
}

const ProposalDetailQuery = graphql(`
  query ProposalDetail($owner: String!, $name: String!, $number: Int!) {
    viewer {
      signedIn
      login
    }
    dataset(owner: $owner, name: $name) {
      fullName
      viewerRole
      labels {
        name
      }
      proposal(number: $number) {
        number
        title
        body
        state
        sourceBranch
        sourceDataset {
          owner
          name
          fullName
        }
        targetBranch
        headCommitId
        baseCommitId
        mergeCommitId
        mergeMethod
        mergedAt
        createdAt
        closedAt
        author {
          login
        }
        mergedBy {
          login
        }
        labels {
          name
        }
        assignees {
          login
        }
        diff {
          ...DiffFields
        }
        reviews {
          id
          verdict
          body
          commitId
          createdAt
          stale
          dismissed
          reviewer {
            login
          }
        }
        comments(first: 100) {
          nodes {
            ...CommentFields
          }
          pageInfo {
            hasNextPage
          }
        }
        status {
          headCommitId
          sourceExists
          approvals
          requiredApprovals
          changesRequested
          requiredChecks
          checks {
            context
            state
            description
          }
          blockers
        }
        mergeability {
          clean
          upToDate
          canFastForward
          conflicts {
            path
          }
        }
      }
    }
  }
`);

type Proposal = NonNullable<ProposalDetailQuery['dataset']['proposal']>;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name, number } = await params;
  return { title: `Proposal #${refOf([number])} · ${refOf([owner])}/${refOf([name])}` };
}

const VERDICT_WORDS = {
  APPROVE: 'approved these changes',
  REQUEST_CHANGES: 'requested changes',
  COMMENT: 'reviewed',
} as const;

/** `/{owner}/{name}/proposals/{number}`: a proposal, its changes, its conversation and its merge box. */
export default async function ProposalPage({ params }: Props) {
  const { owner: rawOwner, name: rawName, number: rawNumber } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const number = /^[1-9][0-9]{0,8}$/.test(rawNumber) ? Number(rawNumber) : undefined;
  const nav = <DatasetNav owner={owner} name={name} current="proposals" />;
  // An unknown number is a 404 page that says so (not-found.tsx beside this page).
  if (number === undefined) notFound();
  const result = await attempt(query(ProposalDetailQuery, { owner, name, number }));
  leaveUnlessReadable(result, paths.proposal(owner, name, number));
  if (isNotFound(result)) notFound();
  if (result instanceof Error) {
    return (
      <>
        {nav}
        <ErrorNotice title={`Proposal #${number} could not be shown`} error={result} />
      </>
    );
  }
  const proposal = result.dataset.proposal;
  if (proposal === null || proposal === undefined) notFound();
  const { viewer } = result;
  const dataset = result.dataset.fullName;
  const writer = result.dataset.viewerRole !== 'READ';
  const isAuthor = viewer.login !== null && viewer.login === proposal.author?.login;
  const open = proposal.state === 'OPEN';
  return (
    <article className="stack">
      <p>
        <Link href={paths.dataset(owner, name)}>{dataset}</Link>
      </p>
      {nav}
      <LiveRefresh
        dataset={dataset}
        actions={['proposal.', 'review.', 'comment.', 'commit.created', 'status.', 'thread.', 'branch.']}
        subjects={[
          `${dataset}#${proposal.number}`,
          `${dataset}@${proposal.sourceBranch}`,
          `${dataset}@${proposal.targetBranch}`,
        ]}
      />
      <header className="stack">
        <h1>
          {proposal.title} <span className="muted">#{proposal.number}</span>
        </h1>
        <p>
          <StateBadge state={proposal.state} /> <strong>{proposal.author?.login ?? 'A deleted account'}</strong>{' '}
          proposes merging{' '}
          <SourceBranch owner={owner} name={name} branch={proposal.sourceBranch} source={proposal.sourceDataset} /> into{' '}
          <Link href={paths.tree(owner, name, proposal.targetBranch)}>
            <code>{proposal.targetBranch}</code>
          </Link>{' '}
          · opened {when(proposal.createdAt)}
          {proposal.labels.length > 0 && (
            <>
              {' '}
              ·{' '}
              {proposal.labels.map((label) => (
                <span key={label.name} className="label-chip">
                  {label.name}
                </span>
              ))}
            </>
          )}
          {proposal.assignees.length > 0 && <> · assigned to {proposal.assignees.map((one) => one.login).join(', ')}</>}
        </p>
        <p className="muted">
          Head{' '}
          <Link href={paths.commit(owner, name, proposal.status.headCommitId)}>
            <code>{proposal.status.headCommitId.slice(0, 12)}</code>
          </Link>
          {proposal.baseCommitId !== null && proposal.baseCommitId !== undefined && (
            <>
              {' '}
              · from merge base{' '}
              <Link href={paths.commit(owner, name, proposal.baseCommitId)}>
                <code>{proposal.baseCommitId.slice(0, 12)}</code>
              </Link>{' '}
              ·{' '}
              <Link href={paths.compare(owner, name, proposal.baseCommitId, proposal.status.headCommitId)}>
                Compare
              </Link>
            </>
          )}
        </p>
      </header>
      <DiffView owner={owner} name={name} diff={proposal.diff} title="What it changes" />
      <section aria-labelledby="conversation-title" className="stack">
        <h2 id="conversation-title">Conversation</h2>
        <Timeline
          entries={timelineOf(owner, name, proposal, {
            dataset,
            viewer: viewer.login,
            admin: result.dataset.viewerRole === 'ADMIN',
          })}
        />
        {proposal.comments.pageInfo.hasNextPage && <p className="muted">Only the first 100 comments are shown.</p>}
        {viewer.signedIn ? (
          <CommentForm dataset={dataset} number={proposal.number} />
        ) : (
          <p>
            <Link href={paths.signIn(paths.proposal(owner, name, proposal.number))}>Sign in</Link> to comment.
          </p>
        )}
      </section>
      {open && viewer.signedIn && !isAuthor && (
        <ReviewForm dataset={dataset} number={proposal.number} headCommitId={proposal.status.headCommitId} />
      )}
      {writer && (
        <ThreadMetaForm
          dataset={dataset}
          number={proposal.number}
          labels={result.dataset.labels.map((label) => label.name)}
          applied={proposal.labels.map((label) => label.name)}
          assignees={proposal.assignees.map((one) => one.login)}
        />
      )}
      <MergeBox owner={owner} name={name} dataset={dataset} proposal={proposal} writer={writer} />
      {(isAuthor || writer) && proposal.state !== 'MERGED' && (
        <ThreadStateButton dataset={dataset} number={proposal.number} kind="proposal" open={open} />
      )}
    </article>
  );
}

function timelineOf(owner: string, name: string, proposal: Proposal, rights: CommentRights): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    {
      key: 'opened',
      at: proposal.createdAt,
      who: proposal.author?.login,
      did: 'opened this proposal',
      body: proposal.body,
    },
    ...proposal.comments.nodes.map((comment) => commentEntry(owner, name, comment, rights)),
    ...proposal.reviews.map((review) => ({
      key: `review:${review.id}`,
      at: review.createdAt,
      who: review.reviewer?.login,
      did: `${VERDICT_WORDS[review.verdict]} at ${review.commitId.slice(0, 12)}${
        review.dismissed ? ' (dismissed)' : review.stale ? ' (on an earlier head)' : ''
      }`,
      body: review.body,
      ...(rights.admin &&
        !review.dismissed && {
          actions: (
            <DismissReviewButton
              dataset={rights.dataset}
              number={proposal.number}
              reviewId={review.id}
              reviewer={review.reviewer?.login ?? 'a deleted account'}
            />
          ),
        }),
    })),
  ];
  if (proposal.state === 'MERGED' && proposal.mergedAt !== null && proposal.mergedAt !== undefined) {
    entries.push({
      key: 'merged',
      at: proposal.mergedAt,
      who: proposal.mergedBy?.login,
      did: `merged it${proposal.mergeMethod === 'FAST_FORWARD' ? ' (fast-forward)' : ''}`,
      ...(proposal.mergeCommitId !== null &&
        proposal.mergeCommitId !== undefined && {
          detail: (
            <p>
              Into <code>{proposal.targetBranch}</code> as commit{' '}
              <Link href={paths.commit(owner, name, proposal.mergeCommitId)}>
                <code>{proposal.mergeCommitId.slice(0, 12)}</code>
              </Link>
            </p>
          ),
        }),
    });
  }
  if (proposal.state === 'CLOSED' && proposal.closedAt !== null && proposal.closedAt !== undefined) {
    entries.push({ key: 'closed', at: proposal.closedAt, who: undefined, did: 'closed', detail: undefined });
  }
  return entries;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where the proposal stands against its target's protection, in words, and the merge button. */
function MergeBox(props: { owner: string; name: string; dataset: string; proposal: Proposal; writer: boolean }) {
  const { proposal } = props;
  const { status, mergeability } = proposal;
  if (proposal.state !== 'OPEN') {
    return (
      <section aria-labelledby="merge-title" className="box stack">
        <h2 id="merge-title">Merge</h2>
        <p>
          {proposal.state === 'MERGED' ? (
            <>
              Merged into <code>{proposal.targetBranch}</code>
              {proposal.mergedAt !== null && proposal.mergedAt !== undefined && (
                <> on {when(proposal.mergedAt)}</>
              )}.{' '}
              <Link href={paths.commits(props.owner, props.name, proposal.targetBranch)}>
                History of {proposal.targetBranch}
              </Link>
            </>
          ) : (
            'Closed without merging.'
          )}
        </p>
      </section>
    );
  }
  const reasons = [
    ...status.blockers.map(capitalized),
    ...(mergeability.conflicts.length > 0
      ? [`${mergeability.conflicts.length} instance(s) changed differently on both sides (conflicts)`]
      : []),
    ...(mergeability.upToDate ? [`${proposal.targetBranch} already has every change of ${proposal.sourceBranch}`] : []),
  ];
  return (
    <section aria-labelledby="merge-title" className="box stack">
      <h2 id="merge-title">Merge</h2>
      <ul aria-label="Requirements">
        <li>
          Approvals: {status.approvals} of {status.requiredApprovals} required
          {status.approvals >= status.requiredApprovals && <span className="ok"> ✓</span>}
        </li>
        {status.changesRequested > 0 && <li>{status.changesRequested} reviewer(s) asked for changes</li>}
        {status.requiredChecks.length === 0 ? (
          <li>No checks are required.</li>
        ) : (
          status.requiredChecks.map((context) => {
            const check = status.checks.find((one) => one.context === context);
            return (
              <li key={context}>
                Check <code>{context}</code>: {check === undefined ? 'not reported' : check.state.toLowerCase()}
                {check?.description !== null && check?.description !== undefined && ` — ${check.description}`}
              </li>
            );
          })
        )}
        <li>
          {mergeability.conflicts.length > 0
            ? 'Conflicts:'
            : mergeability.upToDate
              ? 'Nothing to merge.'
              : 'No conflicts with the target.'}
          {mergeability.conflicts.length > 0 && (
            <ul>
              {mergeability.conflicts.map((conflict) => (
                <li key={conflict.path}>
                  <code>{conflict.path}</code>
                </li>
              ))}
            </ul>
          )}
        </li>
      </ul>
      {props.writer ? (
        <MergeForm
          dataset={props.dataset}
          number={proposal.number}
          headCommitId={status.headCommitId}
          reasons={reasons}
          canFastForward={mergeability.canFastForward}
        />
      ) : (
        <p className="muted">Only writers of {props.dataset} can merge.</p>
      )}
    </section>
  );
}

/**
 * The proposed branch, linked where it lives: this dataset, or the fork it comes from (shown as
 * `fork:branch`); unlinked when that fork was deleted or the viewer cannot read it.
 */
function SourceBranch({
  owner,
  name,
  branch,
  source,
}: {
  owner: string;
  name: string;
  branch: string;
  source: { owner: string; name: string; fullName: string } | null | undefined;
}) {
  if (source === null || source === undefined) {
    return <code title="The dataset this branch was proposed from is gone, or you cannot read it.">{branch}</code>;
  }
  const sameDataset = source.owner === owner && source.name === name;
  return (
    <Link href={paths.tree(source.owner, source.name, branch)}>
      <code>{sameDataset ? branch : `${source.fullName}:${branch}`}</code>
    </Link>
  );
}
