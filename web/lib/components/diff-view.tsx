import Link from 'next/link';
import type { DiffFieldsFragment } from '../../gql/graphql';
import { graphql } from '../../gql';
import { paths } from '../paths';

export const DiffFields = graphql(`
  fragment DiffFields on Diff {
    fromId
    toId
    added
    removed
    changed
    studies {
      studyInstanceUid
      series {
        seriesInstanceUid
        added
        removed
        changed
      }
    }
  }
`);

type SeriesDiff = DiffFieldsFragment['studies'][number]['series'][number];

/** A series is added when all its instances are, removed likewise, else changed. */
function kindOf(series: SeriesDiff): 'added' | 'removed' | 'changed' {
  if (series.removed.length === 0 && series.changed.length === 0) return 'added';
  if (series.added.length === 0 && series.changed.length === 0) return 'removed';
  return 'changed';
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/**
 * What differs between two versions, study by study and series by series; each series links to
 * the viewer at the version that has it, and a changed one to both versions side by side.
 */
export function DiffView({
  owner,
  name,
  diff,
  title = 'Changes',
}: {
  owner: string;
  name: string;
  diff: DiffFieldsFragment;
  title?: string;
}) {
  return (
    <section aria-labelledby="diff-title" className="stack diff">
      <h2 id="diff-title">{title}</h2>
      <p>
        {count(diff.added, 'instance')} added, {count(diff.removed, 'instance')} removed,{' '}
        {count(diff.changed, 'instance')} changed
      </p>
      {diff.studies.length === 0 ? (
        <p>No differences: both versions hold the same instances.</p>
      ) : (
        <table>
          <caption className="muted">Series that differ</caption>
          <thead>
            <tr>
              <th scope="col">Study</th>
              <th scope="col">Series</th>
              <th scope="col">Change</th>
              <th scope="col">Instances</th>
            </tr>
          </thead>
          <tbody>
            {diff.studies.flatMap((study) =>
              study.series.map((series) => {
                const kind = kindOf(series);
                const at = kind === 'removed' ? diff.fromId : diff.toId;
                return (
                  <tr key={`${study.studyInstanceUid}/${series.seriesInstanceUid}`}>
                    <td>
                      <Link href={paths.study(owner, name, study.studyInstanceUid, at)}>
                        <code>{study.studyInstanceUid}</code>
                      </Link>
                    </td>
                    <td>
                      <Link
                        href={paths.series(owner, name, study.studyInstanceUid, series.seriesInstanceUid, at)}
                        aria-label={`View series ${series.seriesInstanceUid} ${kind === 'removed' ? 'before' : 'after'}`}
                      >
                        <code>{series.seriesInstanceUid}</code>
                      </Link>
                      {kind === 'changed' && (
                        <>
                          {' '}
                          ·{' '}
                          <Link
                            href={paths.seriesCompare(
                              owner,
                              name,
                              study.studyInstanceUid,
                              series.seriesInstanceUid,
                              diff.fromId,
                              diff.toId,
                            )}
                          >
                            Compare side by side
                          </Link>
                        </>
                      )}
                    </td>
                    <td>{kind}</td>
                    <td>
                      {[
                        series.added.length > 0 && `+${series.added.length}`,
                        series.removed.length > 0 && `−${series.removed.length}`,
                        series.changed.length > 0 && `~${series.changed.length}`,
                      ]
                        .filter(Boolean)
                        .join(' ')}
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
