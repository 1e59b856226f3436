import type { Metadata } from 'next';
import { DatasetHome } from '../../../../../lib/dataset-home';
import type { StudyFilterInput } from '../../../../../lib/dicomweb';
import { refOf } from '../../../../../lib/paths';

interface Props {
  params: Promise<{ owner: string; name: string; ref: string[] }>;
  searchParams: Promise<StudyFilterInput>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name, ref } = await params;
  return { title: `${refOf([owner])}/${refOf([name])} at ${refOf(ref)}` };
}

/** `/{owner}/{name}/tree/{ref}`: the dataset at a branch, a tag or a commit id (a ref's `/` kept). */
export default async function TreePage({ params, searchParams }: Props) {
  const { owner, name, ref } = await params;
  return <DatasetHome owner={refOf([owner])} name={refOf([name])} at={refOf(ref)} filters={await searchParams} />;
}
