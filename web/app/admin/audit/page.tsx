import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { ApiError, attempt } from '../../../lib/api';
import { AuditLog, auditPage } from '../../../lib/audit-log';
import { ErrorNotice } from '../../../lib/components/error-notice';
import { single } from '../../../lib/page-access';
import { paths } from '../../../lib/paths';

interface Props {
  searchParams: Promise<Record<'dataset' | 'action' | 'actor' | 'after', string | string[] | undefined>>;
}

export const metadata: Metadata = { title: 'Audit log' };

/** `/admin/audit[?dataset=&action=&actor=&after=]`: every event (site admins; others get a 404). */
export default async function SiteAuditPage({ searchParams }: Props) {
  const search = await searchParams;
  const filter = {
    dataset: single(search.dataset),
    action: single(search.action),
    actor: single(search.actor),
    after: single(search.after),
  };
  const result = await attempt(auditPage(filter));
  if (result instanceof ApiError && result.code === 'auth.required') redirect(paths.signIn(paths.siteAudit(filter)));
  if (result instanceof ApiError && result.code === 'auth.forbidden' && filter.dataset === undefined) notFound();
  if (result instanceof Error) return <ErrorNotice title="The audit log could not be read" error={result} />;
  return (
    <article className="stack">
      <h1>Audit log</h1>
      <p className="muted">
        Every recorded change on this site, newest first; each event is hash-chained to the one before.
      </p>
      <AuditLog
        log={result.auditLog}
        filter={filter}
        action={paths.siteAudit()}
        withDataset
        next={(after) => paths.siteAudit({ ...filter, after })}
      />
    </article>
  );
}
