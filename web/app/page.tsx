import type { Metadata } from 'next';
import Link from 'next/link';
import { graphql } from '../gql';
import { attempt, query } from '../lib/api';
import { ErrorNotice } from '../lib/components/error-notice';
import { MutationForm } from '../lib/components/mutation-form';
import { paths } from '../lib/paths';

export const metadata: Metadata = { title: 'Datasets' };

const DatasetsQuery = graphql(`
  query Datasets($after: String) {
    viewer {
      signedIn
      organizations {
        login
        role
      }
    }
    datasets(first: 50, after: $after) {
      nodes {
        owner
        name
        fullName
        visibility
        defaultBranch
        createdAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CreateOrganization = graphql(`
  mutation CreateOrganization($login: String!) {
    createOrganization(login: $login) {
      login
    }
  }
`);

export default async function DatasetsPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const { after } = await searchParams;
  const result = await attempt(query(DatasetsQuery, { after: typeof after === 'string' ? after : null }));
  if (result instanceof Error) return <ErrorNotice title="The datasets could not be listed" error={result} />;
  const { viewer, datasets } = result;
  return (
    <section className="stack">
      <h1>Datasets</h1>
      {!viewer.signedIn && (
        <p className="muted">
          Showing public datasets. <Link href={paths.signIn()}>Sign in</Link> to see yours.
        </p>
      )}
      {datasets.nodes.length === 0 ? (
        <p>No datasets to show yet.</p>
      ) : (
        <table>
          <caption className="muted">Datasets you can read, by owner then name</caption>
          <thead>
            <tr>
              <th scope="col">Dataset</th>
              <th scope="col">Visibility</th>
              <th scope="col">Default branch</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {datasets.nodes.map((dataset) => (
              <tr key={dataset.fullName}>
                <td>
                  <Link href={paths.dataset(dataset.owner, dataset.name)}>{dataset.fullName}</Link>
                </td>
                <td>{dataset.visibility.toLowerCase()}</td>
                <td>
                  <code>{dataset.defaultBranch}</code>
                </td>
                <td>
                  <time dateTime={dataset.createdAt}>{dataset.createdAt.slice(0, 10)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {viewer.signedIn && (
        <section aria-labelledby="orgs-title" className="stack">
          <h2 id="orgs-title">Your organizations</h2>
          {viewer.organizations.length === 0 ? (
            <p>You belong to no organization.</p>
          ) : (
            <ul>
              {viewer.organizations.map((org) => (
                <li key={org.login}>
                  <Link href={paths.owner(org.login)}>{org.login}</Link>{' '}
                  <span className="muted">({org.role.toLowerCase()})</span>
                </li>
              ))}
            </ul>
          )}
          <MutationForm
            label="Create an organization"
            mutation={CreateOrganization.toString()}
            inline
            fields={[{ name: 'login', label: 'New organization', required: true, placeholder: 'my-lab' }]}
            navigate={{ template: '/{}', path: ['createOrganization', 'login'] }}
            submitLabel="Create organization"
          />
        </section>
      )}
      {datasets.pageInfo.hasNextPage && datasets.pageInfo.endCursor !== null && (
        <p>
          <Link href={`/?after=${encodeURIComponent(datasets.pageInfo.endCursor ?? '')}`}>More datasets</Link>
        </p>
      )}
    </section>
  );
}
