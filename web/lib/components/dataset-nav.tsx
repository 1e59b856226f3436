import Link from 'next/link';
import { graphql } from '../../gql';
import { query } from '../api';
import { paths } from '../paths';

const DatasetNavQuery = graphql(`
  query DatasetNav($owner: String!, $name: String!) {
    dataset(owner: $owner, name: $name) {
      defaultBranch
      viewerRole
    }
  }
`);

export type DatasetTab = 'data' | 'commits' | 'proposals' | 'issues' | 'releases' | 'audit' | 'settings';

/**
 * The dataset's tab bar: Data, Commits, Proposals, Issues, Releases, and for its admins Audit and
 * Settings. `at` is the ref the Data and Commits tabs open (default: the default branch).
 */
export async function DatasetNav({
  owner,
  name,
  current,
  at,
}: {
  owner: string;
  name: string;
  current: DatasetTab;
  at?: string;
}) {
  // The page itself reports a dataset that cannot be read; the bar then shows the tabs anyone has.
  const dataset = await query(DatasetNavQuery, { owner, name }).then(
    (result) => result.dataset,
    () => undefined,
  );
  const ref = at ?? dataset?.defaultBranch ?? 'main';
  const tabs: [DatasetTab, string, string][] = [
    ['data', 'Data', at === undefined ? paths.dataset(owner, name) : paths.tree(owner, name, ref)],
    ['commits', 'Commits', paths.commits(owner, name, ref)],
    ['proposals', 'Proposals', paths.proposals(owner, name)],
    ['issues', 'Issues', paths.issues(owner, name)],
    ['releases', 'Releases', paths.releases(owner, name)],
    ...(dataset?.viewerRole === 'ADMIN'
      ? ([
          ['audit', 'Audit', paths.audit(owner, name)],
          ['settings', 'Settings', paths.settings(owner, name)],
        ] as [DatasetTab, string, string][])
      : []),
  ];
  return (
    <nav aria-label={`${owner}/${name}`} className="tabs">
      <ul>
        {tabs.map(([tab, label, href]) => (
          <li key={tab}>
            <Link href={href} aria-current={tab === current ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
