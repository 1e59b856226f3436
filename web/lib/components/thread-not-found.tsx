'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import { paths, refOf } from '../paths';

const WORDS = {
  proposal: { title: 'proposal', what: 'change proposal', other: 'an issue', code: 'proposal.not_found' },
  issue: { title: 'issue', what: 'issue', other: 'a proposal', code: 'thread.not_found' },
} as const;

/**
 * A proposal or issue number that leads nowhere (HTTP 404): the page's `not-found.tsx`, which
 * gets no props, reads the address for what to say.
 */
export function ThreadNotFound({ kind }: { kind: 'proposal' | 'issue' }) {
  const params = useParams<{ owner: string; name: string; number: string }>();
  const [owner, name, number] = [refOf([params.owner]), refOf([params.name]), refOf([params.number])];
  const words = WORDS[kind];
  const list =
    kind === 'proposal' ? paths.proposals(owner, name, { state: 'all' }) : paths.issues(owner, name, { state: 'all' });
  return (
    <section className="notice" role="alert">
      <h1>
        No {words.title} #{number} in {owner}/{name}
      </h1>
      <p>
        {owner}/{name} has no {words.what} numbered “{number}” that you can read. It may be {words.other}, or the link
        is wrong.
      </p>
      <p className="muted">
        Code: <code>{words.code}</code>
      </p>
      <p>
        <Link prefetch={false} href={list}>
          All {words.title}s of {owner}/{name}
        </Link>{' '}
        · <Link href="/">Back to the datasets</Link>
      </p>
    </section>
  );
}
