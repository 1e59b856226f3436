import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { graphql } from '../../../gql';
import { ApiError, attempt, query } from '../../../lib/api';
import { ErrorNotice } from '../../../lib/components/error-notice';
import { MutationForm } from '../../../lib/components/mutation-form';
import { when } from '../../../lib/page-access';
import { paths } from '../../../lib/paths';

export const metadata: Metadata = { title: 'API tokens' };

const TokensQuery = graphql(`
  query Tokens {
    viewer {
      login
      tokens {
        id
        name
        prefix
        scope
        dataset
        expiresAt
        lastUsedAt
        revokedAt
        createdAt
      }
    }
  }
`);

const CreateToken = graphql(`
  mutation CreateToken($name: String!, $scope: Role!, $dataset: String, $expiresAt: DateTimeISO) {
    createToken(name: $name, scope: $scope, dataset: $dataset, expiresAt: $expiresAt) {
      secret
      token {
        id
      }
    }
  }
`);

const RevokeToken = graphql(`
  mutation RevokeToken($id: ID!) {
    revokeToken(id: $id)
  }
`);

/** Whether a time has passed, as of this request (a server component renders once per request). */
function isPast(iso: string): boolean {
  return Date.parse(iso) <= Date.now();
}

/** `/settings/tokens`: the signed-in user's API tokens; a new one's secret is shown once. */
export default async function TokensPage() {
  const result = await attempt(query(TokensQuery, {}));
  if (result instanceof ApiError && result.code === 'auth.required') redirect(paths.signIn(paths.tokens()));
  if (result instanceof Error) return <ErrorNotice title="Your tokens could not be listed" error={result} />;
  const { tokens } = result.viewer;
  const stateOf = (token: (typeof tokens)[number]) =>
    token.revokedAt !== null && token.revokedAt !== undefined
      ? 'revoked'
      : token.expiresAt !== null && token.expiresAt !== undefined && isPast(token.expiresAt)
        ? 'expired'
        : 'live';
  return (
    <article className="stack">
      <h1>API tokens</h1>
      <p className="muted">
        Tokens sign in the CLI, DICOMweb clients (Bearer or HTTP Basic) and GraphQL integrations as you, limited to
        their scope and, if you choose, to one dataset. Strata keeps only a hash: a secret is shown once.
      </p>
      {tokens.length === 0 ? (
        <p>You have no tokens.</p>
      ) : (
        <table>
          <caption className="muted">Your tokens, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Scope</th>
              <th scope="col">Dataset</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">Revoke</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{token.scope.toLowerCase()}</td>
                <td>{token.dataset ?? <span className="muted">any</span>}</td>
                <td>{when(token.createdAt)}</td>
                <td>
                  {token.lastUsedAt === null || token.lastUsedAt === undefined ? 'never' : when(token.lastUsedAt)}
                </td>
                <td>{stateOf(token)}</td>
                <td>
                  {stateOf(token) === 'live' && (
                    <MutationForm
                      label={`Revoke the token ${token.name}`}
                      mutation={RevokeToken.toString()}
                      fixed={{ id: token.id }}
                      confirm={`Revoke the token ${token.name}? Whatever uses it stops working at once.`}
                      submitLabel={`Revoke ${token.name}`}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="new-token-title" className="stack box">
        <h2 id="new-token-title">New token</h2>
        <MutationForm
          label="Create a token"
          mutation={CreateToken.toString()}
          fields={[
            { name: 'name', label: 'Name', required: true, placeholder: 'laptop CLI' },
            {
              name: 'scope',
              label: 'Scope',
              kind: 'select',
              defaultValue: 'READ',
              options: [
                { value: 'READ', label: 'read' },
                { value: 'WRITE', label: 'write' },
                { value: 'ADMIN', label: 'admin' },
              ],
            },
            { name: 'dataset', label: 'Only for dataset (optional)', placeholder: 'owner/name' },
            { name: 'expiresAt', label: 'Expires (optional)', kind: 'date' },
          ]}
          reveal={{ path: ['createToken', 'secret'], label: 'Your new token' }}
          submitLabel="Create token"
        />
      </section>
    </article>
  );
}
