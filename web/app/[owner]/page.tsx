import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { graphql } from '../../gql';
import { attempt, isNotFound, query } from '../../lib/api';
import { ErrorNotice } from '../../lib/components/error-notice';
import { MutationForm } from '../../lib/components/mutation-form';
import { paths, refOf } from '../../lib/paths';

interface Props {
  params: Promise<{ owner: string }>;
}

const OwnerQuery = graphql(`
  query Owner($login: String!) {
    viewer {
      login
    }
    account(login: $login) {
      login
      displayName
      isUser
      viewerRole
      datasets {
        name
        fullName
        visibility
        viewerRole
        createdAt
      }
      members {
        login
        displayName
        role
      }
      teams {
        name
        fullName
        members
      }
    }
  }
`);

const AddOrganizationMember = graphql(`
  mutation AddOrganizationMember($organization: String!, $login: String!, $role: OrgRole!) {
    addOrganizationMember(organization: $organization, login: $login, role: $role)
  }
`);

const RemoveOrganizationMember = graphql(`
  mutation RemoveOrganizationMember($organization: String!, $login: String!) {
    removeOrganizationMember(organization: $organization, login: $login)
  }
`);

const CreateTeam = graphql(`
  mutation CreateTeam($organization: String!, $name: String!) {
    createTeam(organization: $organization, name: $name) {
      fullName
    }
  }
`);

const AddTeamMember = graphql(`
  mutation AddTeamMember($team: String!, $login: String!) {
    addTeamMember(team: $team, login: $login) {
      fullName
    }
  }
`);

const RemoveTeamMember = graphql(`
  mutation RemoveTeamMember($team: String!, $login: String!) {
    removeTeamMember(team: $team, login: $login) {
      fullName
    }
  }
`);

const DeleteTeam = graphql(`
  mutation DeleteTeam($team: String!) {
    deleteTeam(team: $team)
  }
`);

const ORG_ROLES = [
  { value: 'MEMBER', label: 'member' },
  { value: 'OWNER', label: 'owner' },
];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: refOf([(await params).owner]) };
}

/** `/{owner}`: a user's or an organization's datasets; an organization's members and teams to its members. */
export default async function OwnerPage({ params }: Props) {
  const login = refOf([(await params).owner]);
  const result = await attempt(query(OwnerQuery, { login }));
  if (isNotFound(result)) notFound();
  if (result instanceof Error) return <ErrorNotice title={`${login} could not be shown`} error={result} />;
  const { account, viewer } = result;
  const owns = account.viewerRole === 'OWNER';
  return (
    <article className="stack">
      <header>
        <h1>
          {account.displayName ?? account.login}{' '}
          <span className="muted">
            {account.displayName !== null && account.displayName !== undefined && `${account.login} · `}
            {account.isUser ? 'user' : 'organization'}
          </span>
        </h1>
        {account.viewerRole !== null && account.viewerRole !== undefined && (
          <p className="muted">You are {account.viewerRole === 'OWNER' ? 'an owner' : 'a member'} of it.</p>
        )}
      </header>
      <section aria-labelledby="datasets-title" className="stack">
        <h2 id="datasets-title">Datasets</h2>
        {account.datasets.length === 0 ? (
          <p>No datasets of {account.login} that you can read.</p>
        ) : (
          <table>
            <caption className="muted">Datasets of {account.login} you can read, by name</caption>
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col">Visibility</th>
                <th scope="col">Your role</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {account.datasets.map((dataset) => (
                <tr key={dataset.fullName}>
                  <td>
                    <Link href={paths.dataset(account.login, dataset.name)}>{dataset.fullName}</Link>
                  </td>
                  <td>{dataset.visibility.toLowerCase()}</td>
                  <td>{dataset.viewerRole.toLowerCase()}</td>
                  <td>
                    <time dateTime={dataset.createdAt}>{dataset.createdAt.slice(0, 10)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {account.members !== null && account.members !== undefined && (
        <section aria-labelledby="members-title" className="stack">
          <h2 id="members-title">Members</h2>
          <table>
            <caption className="muted">Members of {account.login}</caption>
            <thead>
              <tr>
                <th scope="col">Login</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                {owns && <th scope="col">Remove</th>}
              </tr>
            </thead>
            <tbody>
              {account.members.map((member) => (
                <tr key={member.login}>
                  <th scope="row">
                    <Link href={paths.owner(member.login)}>{member.login}</Link>
                  </th>
                  <td>{member.displayName ?? ''}</td>
                  <td>
                    {owns ? (
                      <MutationForm
                        label={`Change the role of ${member.login}`}
                        mutation={AddOrganizationMember.toString()}
                        fixed={{ organization: account.login, login: member.login }}
                        inline
                        fields={[
                          {
                            name: 'role',
                            label: `Role of ${member.login}`,
                            kind: 'select',
                            defaultValue: member.role,
                            options: ORG_ROLES,
                          },
                        ]}
                        submitLabel="Change"
                      />
                    ) : (
                      member.role.toLowerCase()
                    )}
                  </td>
                  {owns && (
                    <td>
                      <MutationForm
                        label={`Remove ${member.login}`}
                        mutation={RemoveOrganizationMember.toString()}
                        fixed={{ organization: account.login, login: member.login }}
                        confirm={`Remove ${member.login} from ${account.login} and its teams? Roles granted to them by name on its datasets stay.`}
                        submitLabel={`Remove ${member.login}`}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {!owns && account.viewerRole === 'MEMBER' && viewer.login !== null && viewer.login !== undefined && (
            <MutationForm
              label="Leave the organization"
              mutation={RemoveOrganizationMember.toString()}
              fixed={{ organization: account.login, login: viewer.login }}
              confirm={`Leave ${account.login}? Only an owner can add you again.`}
              submitLabel={`Leave ${account.login}`}
            />
          )}
          {owns && (
            <MutationForm
              label="Add a member"
              mutation={AddOrganizationMember.toString()}
              fixed={{ organization: account.login }}
              inline
              fields={[
                { name: 'login', label: 'User', required: true, placeholder: 'login' },
                {
                  name: 'role',
                  label: 'Role',
                  kind: 'select',
                  defaultValue: 'MEMBER',
                  options: ORG_ROLES,
                },
              ]}
              submitLabel="Add member"
            />
          )}
        </section>
      )}
      {account.teams !== null && account.teams !== undefined && (
        <section aria-labelledby="teams-title" className="stack">
          <h2 id="teams-title">Teams</h2>
          {account.teams.length === 0 ? (
            <p>No teams yet.</p>
          ) : (
            account.teams.map((team) => (
              <section key={team.name} aria-label={`Team ${team.fullName}`} className="stack team">
                <h3>{team.fullName}</h3>
                {team.members.length === 0 ? (
                  <p className="muted">No members.</p>
                ) : (
                  <ul className="team-members">
                    {team.members.map((login) => (
                      <li key={login}>
                        <Link href={paths.owner(login)}>{login}</Link>
                        {owns && (
                          <MutationForm
                            label={`Remove ${login} from ${team.fullName}`}
                            mutation={RemoveTeamMember.toString()}
                            fixed={{ team: team.fullName, login }}
                            inline
                            submitLabel={`Remove ${login} from ${team.name}`}
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {owns && (
                  <MutationForm
                    label={`Delete team ${team.fullName}`}
                    mutation={DeleteTeam.toString()}
                    fixed={{ team: team.fullName }}
                    confirm={`Delete team ${team.fullName}? Its members stay in ${account.login}; the roles granted to the team on datasets end.`}
                    submitLabel={`Delete team ${team.name}`}
                  />
                )}
              </section>
            ))
          )}
          {owns && (
            <>
              <MutationForm
                label="Create a team"
                mutation={CreateTeam.toString()}
                fixed={{ organization: account.login }}
                inline
                fields={[{ name: 'name', label: 'Team name', required: true, placeholder: 'radiologists' }]}
                submitLabel="Create team"
              />
              {account.teams.length > 0 && (
                <MutationForm
                  label="Add a team member"
                  mutation={AddTeamMember.toString()}
                  inline
                  fields={[
                    {
                      name: 'team',
                      label: 'Team',
                      kind: 'select',
                      options: account.teams.map((team) => ({ value: team.fullName, label: team.name })),
                    },
                    { name: 'login', label: 'User to add', required: true, placeholder: 'login' },
                  ]}
                  submitLabel="Add to team"
                />
              )}
            </>
          )}
        </section>
      )}
    </article>
  );
}
