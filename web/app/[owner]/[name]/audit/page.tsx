import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiError, attempt } from '../../../../lib/api';
import { AuditLog, auditPage } from '../../../../lib/audit-log';
import { DatasetNav } from '../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../lib/components/error-notice';
import { leaveUnlessReadable, single } from '../../../../lib/page-access';
import { paths, refOf } from '../../../../lib/paths';

interface Props {
  params: Promise<{ owner: string; name: string }>;
  searchParams: Promise<Record<'action' | 'actor' | 'after', string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `Audit log · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/audit[?action=&actor=&after=]`: the dataset's audit log (its admins; others get a 404). */
export default async function DatasetAuditPage({ params, searchParams }: Props) {
  const { owner: rawOwner, name: rawName } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const search = await searchParams;
  const filter = { action: single(search.action), actor: single(search.actor), after: single(search.after) };
  const result = await attempt(auditPage({ dataset: `${owner}/${name}`, ...filter }));
  leaveUnlessReadable(result, paths.datasetAudit(owner, name, filter));
  // Like the settings, the log is not shown to readers; its existence is not worth a different answer.
  if (result instanceof ApiError && result.code === 'auth.forbidden') notFound();
  if (result instanceof Error) return <ErrorNotice title="The audit log could not be read" error={result} />;
  return (
    <article className="stack">
      <h1>
        <Link href={paths.dataset(owner, name)}>
          {owner}/{name}
        </Link>
        : audit log
      </h1>
      <DatasetNav owner={owner} name={name} current="audit" />
      <AuditLog
        log={result.auditLog}
        filter={filter}
        action={paths.datasetAudit(owner, name)}
        withDataset={false}
        next={(after) => paths.datasetAudit(owner, name, { ...filter, after })}
      />
    </article>
  );
}
