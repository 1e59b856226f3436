import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { DatasetNav } from '../../../../lib/components/dataset-nav';
import { single } from '../../../../lib/page-access';
import { paths, refOf } from '../../../../lib/paths';
import { CompareForm } from './compare-form';

interface Props {
  params: Promise<{ owner: string; name: string }>;
  searchParams: Promise<{ from?: string | string[]; to?: string | string[] }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `Compare · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/compare[?from=&to=]`: the form, or (both given) a redirect to the comparison. */
export default async function CompareFormPage({ params, searchParams }: Props) {
  const { owner: rawOwner, name: rawName } = await params;
  const [owner, name] = [refOf([rawOwner]), refOf([rawName])];
  const search = await searchParams;
  const [from, to] = [single(search.from), single(search.to)];
  if (from !== undefined && to !== undefined) redirect(paths.compare(owner, name, from.trim(), to.trim()));
  return (
    <article className="stack">
      <h1>
        Compare versions of {owner}/{name}
      </h1>
      <DatasetNav owner={owner} name={name} current="commits" />
      <CompareForm owner={owner} name={name} from={from ?? ''} to={to ?? ''} />
    </article>
  );
}
