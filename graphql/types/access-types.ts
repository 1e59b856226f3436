import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Dataset } from './object-types.js';
import { GranteeKindValue, OrgRoleValue, RoleValue } from './scalars-and-enums.js';

@ObjectType({ description: 'A role granted on a dataset to a user or a team.' })
export class DatasetMember {
  @Field(() => String, { description: 'A user’s login, or a team as org/team.' })
  grantee!: string;

  @Field(() => GranteeKindValue)
  kind!: GranteeKindValue;

  @Field(() => RoleValue)
  role!: RoleValue;
}

@ObjectType({ description: 'A user in an organization, or an organization a user belongs to, with the role.' })
export class OrganizationMembership {
  @Field(() => String)
  login!: string;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => OrgRoleValue)
  role!: OrgRoleValue;
}

@ObjectType({ description: 'A team of an organization: roles on datasets can be granted to it.' })
export class Team {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'org/team, as grants name it.' })
  fullName!: string;

  @Field(() => [String], { description: 'Its members’ logins.' })
  members!: string[];
}

@ObjectType({ description: 'A user or an organization with the datasets of theirs the viewer can read.' })
export class Owner {
  @Field(() => String)
  login!: string;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => Boolean, { description: 'False for an organization.' })
  isUser!: boolean;

  @Field(() => [Dataset], { description: 'Its datasets the viewer can read, by name.' })
  datasets!: Dataset[];

  @Field(() => OrgRoleValue, { nullable: true, description: 'The viewer’s role in this organization; null if none.' })
  viewerRole!: OrgRoleValue | null;

  @Field(() => [OrganizationMembership], {
    nullable: true,
    description: 'An organization’s members: shown to its members and site admins, null otherwise.',
  })
  members!: OrganizationMembership[] | null;

  @Field(() => [Team], { nullable: true, description: 'An organization’s teams: to its members, like members.' })
  teams!: Team[] | null;
}

@ObjectType({ description: 'An API token of the viewer: never its secret, which is shown once at creation.' })
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The first characters of the secret, to recognise it by.' })
  prefix!: string;

  @Field(() => RoleValue, { description: 'The most it allows.' })
  scope!: RoleValue;

  @Field(() => String, { nullable: true, description: 'The one dataset it works on (owner/name); null: any.' })
  dataset!: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;
}

@ObjectType({ description: 'A token just created, with its secret: shown this once.' })
export class CreatedToken {
  @Field(() => ApiToken)
  token!: ApiToken;

  @Field(() => String)
  secret!: string;
}

@ObjectType({ description: 'What a version holds, read off its tree’s totals.' })
export class VersionSize {
  @Field(() => Int, { description: 'DICOM instances (files under the study directories).' })
  instances!: number;

  @Field(() => Int, { description: 'Every file, instances and others (a README).' })
  files!: number;

  @Field(() => Float, { description: 'Total bytes of its files.' })
  bytes!: number;
}

@ObjectType({ description: 'A README written on a branch: the commit that holds it.' })
export class SavedReadme {
  @Field(() => String, { description: 'The commit with the new text; the branch’s head when nothing changed.' })
  commitId!: string;

  @Field(() => String, { description: 'README.md, or the name the version’s README already had.' })
  path!: string;

  @Field(() => Boolean, { description: 'False when the text was already the README’s: no commit was made.' })
  changed!: boolean;
}

@ObjectType({ description: 'The README or datasheet at the root of a version.' })
export class Readme {
  @Field(() => String, { description: 'README.md, README.txt, README or datasheet.md.' })
  path!: string;

  @Field(() => String, { description: 'Its text (UTF-8), to be shown as text or sanitised Markdown.' })
  text!: string;

  @Field(() => Boolean, { description: 'True when the file was longer than 256 KiB and the text is cut there.' })
  truncated!: boolean;
}
