import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { DatasetHome } from '../../../lib/dataset-home';
import type { StudyFilterInput } from '../../../lib/dicomweb';
import { paths, refOf } from '../../../lib/paths';

interface Props {
  params: Promise<{ owner: string; name: string }>;
  searchParams: Promise<{ ref?: string | string[] } & StudyFilterInput>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name } = await params;
  return { title: `${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}`: the dataset at its default branch; `?ref=` (the ref switcher) goes to `/tree/{ref}`. */
export default async function DatasetPage({ params, searchParams }: Props) {
  const { owner, name } = await params;
  const { ref, ...filters } = await searchParams;
  if (typeof ref === 'string' && ref !== '') redirect(paths.tree(refOf([owner]), refOf([name]), ref));
  return <DatasetHome owner={refOf([owner])} name={refOf([name])} at={undefined} filters={filters} />;
}
