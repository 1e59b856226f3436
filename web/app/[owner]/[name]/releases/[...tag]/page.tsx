import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { graphql } from '../../../../../gql';
import { apiFetch, apiOrigin, attempt, isNotFound, publicOrigin, query } from '../../../../../lib/api';
import { CopyButton } from '../../../../../lib/components/copy-button';
import { DatasetNav } from '../../../../../lib/components/dataset-nav';
import { ErrorNotice } from '../../../../../lib/components/error-notice';
import { formatBytes } from '../../../../../lib/format';
import { leaveUnlessReadable, when } from '../../../../../lib/page-access';
import { paths, refOf } from '../../../../../lib/paths';

interface Props {
  params: Promise<{ owner: string; name: string; tag: string[] }>;
}

const ReleaseQuery = graphql(`
  query Release($owner: String!, $name: String!, $tag: String!) {
    dataset(owner: $owner, name: $name) {
      fullName
      release(tag: $tag) {
        tag
        title
        notes
        commitId
        studies
        series
        instances
        bytes
        dicomwebPath
        manifestPath
        createdAt
        author {
          login
        }
        citation {
          version
          license
          doi
          authors {
            name
            affiliation
            orcid
          }
        }
      }
    }
  }
`);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { owner, name, tag } = await params;
  return { title: `${refOf(tag)} · ${refOf([owner])}/${refOf([name])}` };
}

/** `/{owner}/{name}/releases/{tag}`: notes, how to cite it, what it holds, and where to get it. */
export default async function ReleasePage({ params }: Props) {
  const { owner: rawOwner, name: rawName, tag: rawTag } = await params;
  const [owner, name, tag] = [refOf([rawOwner]), refOf([rawName]), refOf(rawTag)];
  const result = await attempt(query(ReleaseQuery, { owner, name, tag }));
  leaveUnlessReadable(result, paths.release(owner, name, tag));
  if (isNotFound(result)) notFound();
  if (result instanceof Error) return <ErrorNotice title={`Release ${tag} could not be shown`} error={result} />;
  const { release, fullName } = result.dataset;
  const origin = await publicOrigin();
  const dicomweb = `${origin}${release.dicomwebPath}`;
  const cff = await attempt(citationFile(release.manifestPath.replace(/manifest\.json$/, 'CITATION.cff'), origin));
  const year = release.createdAt.slice(0, 4);
  const cited = `${release.citation.authors.map((author) => author.name).join('; ')} (${year}). ${release.title} (Version ${release.citation.version}) [Data set]. ${fullName}. ${
    release.citation.doi === null || release.citation.doi === undefined
      ? dicomweb
      : `https://doi.org/${release.citation.doi}`
  }`;
  return (
    <article className="stack">
      <h1>
        <Link href={paths.dataset(owner, name)}>{fullName}</Link>: {release.title}
      </h1>
      <DatasetNav owner={owner} name={name} current="releases" at={release.tag} />
      <p className="muted">
        Release <code>{release.tag}</code> of commit{' '}
        <Link href={paths.tree(owner, name, release.commitId)}>
          <code>{release.commitId.slice(0, 12)}</code>
        </Link>
        , published {when(release.createdAt)}
        {release.author !== null && release.author !== undefined && ` by ${release.author.login}`} ·{' '}
        <Link href={paths.tree(owner, name, release.tag)}>Browse it</Link>
      </p>
      <section aria-labelledby="notes-title">
        <h2 id="notes-title">Notes</h2>
        {release.notes === '' ? <p className="muted">No notes.</p> : <p className="body">{release.notes}</p>}
      </section>
      <section aria-labelledby="holds-title">
        <h2 id="holds-title">What it holds</h2>
        <dl className="facts">
          <div>
            <dt>Studies</dt>
            <dd>{release.studies}</dd>
          </div>
          <div>
            <dt>Series</dt>
            <dd>{release.series}</dd>
          </div>
          <div>
            <dt>Instances</dt>
            <dd>{release.instances}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>{formatBytes(release.bytes)}</dd>
          </div>
        </dl>
        <p>
          <a href={release.manifestPath} download>
            Download the manifest
          </a>{' '}
          <span className="muted">(every file with its size and SHA-256, JSON)</span>
        </p>
      </section>
      <section aria-labelledby="cite-title" className="stack">
        <h2 id="cite-title">How to cite it</h2>
        <blockquote className="citation">{cited}</blockquote>
        <CopyButton text={cited} label="Copy the citation" />
        <h3>CITATION.cff</h3>
        {cff instanceof Error ? (
          <ErrorNotice title="The CITATION.cff could not be read" error={cff} />
        ) : (
          <>
            <pre>
              <code>{cff}</code>
            </pre>
            <CopyButton text={cff} label="Copy the CITATION.cff" />
          </>
        )}
      </section>
      <section aria-labelledby="dicomweb-title">
        <h2 id="dicomweb-title">DICOMweb</h2>
        <p>
          <label htmlFor="release-dicomweb">DICOMweb base URL of {release.tag} (it never changes)</label>
          <input id="release-dicomweb" readOnly value={dicomweb} size={Math.min(dicomweb.length + 2, 90)} />{' '}
          <CopyButton text={dicomweb} label="Copy the DICOMweb base URL" />
        </p>
      </section>
    </article>
  );
}

/** The API's CITATION.cff of the release, its URL naming the origin the browser sees, not loopback. */
async function citationFile(path: string, origin: string): Promise<string> {
  const response = await apiFetch(path, { headers: { accept: 'text/plain' } });
  if (!response.ok) throw new Error(`The API answered ${response.status}.`);
  return (await response.text()).replaceAll(await apiOrigin(), origin);
}
