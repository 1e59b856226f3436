import type { Metadata } from 'next';
import { DatasetHome } from '../../../../../lib/dataset-home';
import { refOf } from '../../../../../lib/paths';

interface Props {
  params: Promise<{ owner: string; name: string; ref: string[] }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name, ref } = await params;
  return { title: `${refOf([owner])}/${refOf([name])} at ${refOf(ref)}` };
}

/** `/{owner}/{name}/tree/{ref}`: the dataset at a branch, a tag or a commit id (a ref's `/` kept). */
export default async function TreePage({ params }: Props) {
  const { owner, name, ref } = await params;
  return <DatasetHome owner={refOf([owner])} name={refOf([name])} at={refOf(ref)} />;
}
