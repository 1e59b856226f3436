import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { graphql } from '../gql';
import { ApiError, attempt, isNotFound, publicOrigin, query } from './api';
import { CopyButton } from './components/copy-button';
import { DatasetNav } from './components/dataset-nav';
import { ErrorNotice } from './components/error-notice';
import { studiesAt, studyFilterOf, type StudyFilterInput, type StudyList } from './dicomweb';
import { formatBytes, formatDicomDate } from './format';
import { ReadmeText } from './components/readme-text';
import { paths } from './paths';

const DatasetHomeQuery = graphql(`
  query DatasetHome($owner: String!, $name: String!) {
    dataset(owner: $owner, name: $name) {
      owner
      name
      fullName
      defaultBranch
      visibility
      viewerRole
      isFork
      forkedFrom {
        owner
        name
        fullName
      }
      branches {
        name
      }
      tags {
        name
      }
    }
  }
`);

const RefCommitQuery = graphql(`
  query RefCommit($owner: String!, $name: String!, $rev: String!) {
    dataset(owner: $owner, name: $name) {
      commit(rev: $rev) {
        id
        shortId
        message
        author {
          name
          time
        }
        size {
          instances
          files
          bytes
        }
      }
      readme(rev: $rev) {
        path
        text
        truncated
      }
    }
  }
`);

/** The dataset's home at a ref: what it holds there, and how to reach it over DICOMweb. */
export async function DatasetHome({
  owner,
  name,
  at,
  filters,
}: {
  owner: string;
  name: string;
  at: string | undefined;
  filters: StudyFilterInput;
}) {
  const home = await attempt(query(DatasetHomeQuery, { owner, name }));
  if (home instanceof ApiError && home.code === 'auth.required') redirect(paths.signIn(paths.dataset(owner, name)));
  if (isNotFound(home)) notFound();
  if (home instanceof Error) return <ErrorNotice title={`${owner}/${name} could not be shown`} error={home} />;
  const { dataset } = home;
  const rev = at ?? dataset.defaultBranch;
  const filter = studyFilterOf(filters);
  const filtered = typeof filter === 'object' && Object.keys(filter).length > 0;
  const [version, studies, shown] = await Promise.all([
    attempt(query(RefCommitQuery, { owner, name, rev }).then((result) => result.dataset)),
    attempt(studiesAt(owner, name, rev)),
    filtered ? attempt(studiesAt(owner, name, rev, filter)) : undefined,
  ]);
  const here = at === undefined ? paths.dataset(owner, name) : paths.tree(owner, name, rev);
  return (
    <article className="stack">
      <header>
        <h1>
          <Link href={paths.dataset(owner, name)}>{dataset.fullName}</Link>
        </h1>
        <p className="muted">
          {dataset.visibility.toLowerCase()} dataset · your role: {dataset.viewerRole.toLowerCase()}
          {dataset.forkedFrom !== null && dataset.forkedFrom !== undefined && (
            <>
              {' '}
              · forked from{' '}
              <Link href={paths.dataset(dataset.forkedFrom.owner, dataset.forkedFrom.name)}>
                {dataset.forkedFrom.fullName}
              </Link>
            </>
          )}
        </p>
      </header>
      <DatasetNav owner={owner} name={name} current="data" {...(at !== undefined && { at })} />
      <RefSwitcher
        owner={owner}
        name={name}
        current={rev}
        branches={dataset.branches.map((branch) => branch.name)}
        tags={dataset.tags.map((tag) => tag.name)}
      />
      {version instanceof Error ? (
        <ErrorNotice
          title={`No version “${rev}” in ${dataset.fullName}`}
          error={
            isNotFound(version)
              ? new ApiError(
                  version.code,
                  `${dataset.fullName} has no branch, tag or commit named “${rev}”. Pick one above.`,
                )
              : version
          }
        />
      ) : (
        <>
          <p>
            At <code>{rev}</code>: commit{' '}
            <Link href={paths.tree(owner, name, version.commit.id)}>
              <code>{version.commit.shortId}</code>
            </Link>{' '}
            “{version.commit.message.split('\n', 1)[0]}” by {version.commit.author.name},{' '}
            <time dateTime={version.commit.author.time}>
              {version.commit.author.time.replace('T', ' ').slice(0, 16)}
            </time>{' '}
            · <Link href={paths.commits(owner, name, rev)}>History</Link>
          </p>
          <Contents studies={studies} size={version.commit.size} />
          <StudyBrowser
            owner={owner}
            name={name}
            rev={rev}
            action={here}
            filters={filters}
            problem={typeof filter === 'string' ? filter : undefined}
            studies={shown ?? studies}
          />
          <DicomwebAccess owner={owner} name={name} rev={rev} fullName={dataset.fullName} />
          <Datasheet
            readme={version.readme}
            rev={rev}
            {...(dataset.viewerRole !== 'READ' &&
              dataset.branches.some((branch) => branch.name === rev) && {
                editHref: paths.editReadme(owner, name, rev),
              })}
          />
        </>
      )}
    </article>
  );
}

function RefSwitcher(props: { owner: string; name: string; current: string; branches: string[]; tags: string[] }) {
  const known = props.branches.includes(props.current) || props.tags.includes(props.current);
  return (
    <form className="inline" method="get" action={paths.dataset(props.owner, props.name)}>
      <div>
        <label htmlFor="ref">Branch or tag</label>
        <select id="ref" name="ref" defaultValue={props.current}>
          {!known && <option value={props.current}>{props.current}</option>}
          <optgroup label="Branches">
            {props.branches.map((branch) => (
              <option key={`b:${branch}`} value={branch}>
                {branch}
              </option>
            ))}
          </optgroup>
          {props.tags.length > 0 && (
            <optgroup label="Tags">
              {props.tags.map((tag) => (
                <option key={`t:${tag}`} value={tag}>
                  {tag}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      <button type="submit">Switch</button>
    </form>
  );
}

function Contents({
  studies,
  size,
}: {
  studies: StudyList | Error;
  size: { instances: number; files: number; bytes: number };
}) {
  if (studies instanceof Error) return <ErrorNotice title="The studies could not be listed" error={studies} />;
  const modalities = [...new Set(studies.studies.flatMap((study) => study.modalities))].sort();
  const count = (pick: (study: StudyList['studies'][number]) => number) =>
    studies.studies.reduce((sum, study) => sum + pick(study), 0);
  return (
    <section aria-labelledby="contents-title" className="stack">
      <h2 id="contents-title">Contents</h2>
      <dl className="facts">
        <div>
          <dt>Studies</dt>
          <dd>
            {studies.studies.length}
            {studies.truncated && '+'}
          </dd>
        </div>
        <div>
          <dt>Series</dt>
          <dd>{count((study) => study.series)}</dd>
        </div>
        <div>
          <dt>Instances</dt>
          <dd>{count((study) => study.instances)}</dd>
        </div>
        <div>
          <dt>Modalities</dt>
          <dd>{modalities.length === 0 ? '—' : modalities.join(', ')}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd title={`${size.bytes} bytes in ${size.files} files`}>{formatBytes(size.bytes)}</dd>
        </div>
      </dl>
    </section>
  );
}

function StudyBrowser(props: {
  owner: string;
  name: string;
  rev: string;
  action: string;
  filters: StudyFilterInput;
  problem: string | undefined;
  studies: StudyList | Error;
}) {
  const value = (field: keyof StudyFilterInput) => {
    const given = props.filters[field];
    return typeof given === 'string' ? given : '';
  };
  const { studies } = props;
  return (
    <section aria-labelledby="studies-title" className="stack">
      <h2 id="studies-title">Studies</h2>
      <form className="inline" method="get" action={props.action} role="search" aria-label="Filter the studies">
        <div>
          <label htmlFor="modality">Modality</label>
          <input id="modality" name="modality" size={6} defaultValue={value('modality')} placeholder="CT" />
        </div>
        <div>
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={value('from')} />
        </div>
        <div>
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={value('to')} />
        </div>
        <div>
          <label htmlFor="description">Description</label>
          <input id="description" name="description" defaultValue={value('description')} />
        </div>
        <button type="submit">Filter</button>
        <a href={props.action}>Clear</a>
      </form>
      {props.problem !== undefined ? (
        <p role="alert" className="notice">
          {props.problem}
        </p>
      ) : studies instanceof Error ? (
        <ErrorNotice title="The studies could not be listed" error={studies} />
      ) : studies.studies.length === 0 ? (
        <p>No studies match.</p>
      ) : (
        <table>
          <caption className="muted">Studies at this version</caption>
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Date</th>
              <th scope="col">Description</th>
              <th scope="col">Modalities</th>
              <th scope="col">Series</th>
              <th scope="col">Instances</th>
            </tr>
          </thead>
          <tbody>
            {studies.studies.map((study) => (
              <tr key={study.studyInstanceUid}>
                <td>
                  <Link href={paths.study(props.owner, props.name, study.studyInstanceUid, props.rev)}>
                    {study.patientName ?? '(no name)'}
                  </Link>{' '}
                  <span className="muted">{study.patientId}</span>
                </td>
                <td>{formatDicomDate(study.date)}</td>
                <td>{study.description ?? ''}</td>
                <td>{study.modalities.join(', ')}</td>
                <td>{study.series}</td>
                <td>{study.instances}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

async function DicomwebAccess({
  owner,
  name,
  rev,
  fullName,
}: {
  owner: string;
  name: string;
  rev: string;
  fullName: string;
}) {
  const base = `${await publicOrigin()}${paths.dicomweb(owner, name, rev)}`;
  const ohif = {
    namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
    sourceName: 'strata',
    configuration: {
      friendlyName: `Strata ${fullName}@${rev}`,
      name: 'strata',
      wadoUriRoot: base,
      qidoRoot: base,
      wadoRoot: base,
      qidoSupportsIncludeField: true,
      supportsReject: true,
      supportsStow: true,
      imageRendering: 'wadors',
      thumbnailRendering: 'wadors',
      enableStudyLazyLoad: true,
      supportsFuzzyMatching: false,
      supportsWildcard: true,
    },
  };
  return (
    <section aria-labelledby="dicomweb-title" className="stack">
      <h2 id="dicomweb-title">DICOMweb</h2>
      <p>
        <label htmlFor="dicomweb-url">DICOMweb base URL at {rev}</label>
        <input id="dicomweb-url" readOnly value={base} size={Math.min(base.length + 2, 90)} />{' '}
        <CopyButton text={base} label="Copy the DICOMweb base URL" />
      </p>
      <details>
        <summary>OHIF data source configuration</summary>
        <pre>
          <code>{JSON.stringify(ohif, null, 2)}</code>
        </pre>
        <CopyButton text={JSON.stringify(ohif, null, 2)} label="Copy the OHIF configuration" />
      </details>
    </section>
  );
}

/** The README (or datasheet) at the root of this version, as safe text: what the data is, and its terms. */
function Datasheet({
  readme,
  rev,
  editHref,
}: {
  readme: { path: string; text: string; truncated: boolean } | null | undefined;
  rev: string;
  /** Where a writer edits it, when `rev` is a branch they may write. */
  editHref?: string;
}) {
  return (
    <section aria-labelledby="datasheet-title" className="stack">
      <h2 id="datasheet-title">Datasheet</h2>
      {readme === null || readme === undefined ? (
        <p className="muted">
          No README.md, README.txt or datasheet.md at the root of <code>{rev}</code>.
          {editHref !== undefined && (
            <>
              {' '}
              <Link href={editHref}>Add a README</Link>
            </>
          )}
        </p>
      ) : (
        <>
          <p className="muted">
            <code>{readme.path}</code> at <code>{rev}</code>
            {readme.truncated && ' (the first 256 KiB)'}
            {editHref !== undefined && !readme.truncated && (
              <>
                {' '}
                · <Link href={editHref}>Edit {readme.path}</Link>
              </>
            )}
          </p>
          <ReadmeText text={readme.text} />
        </>
      )}
    </section>
  );
}
