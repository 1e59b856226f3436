import { registerEnumType } from 'type-graphql';

/** A role on a dataset (access.md): read < write < admin. */
export enum RoleValue {
  READ = 'read',
  WRITE = 'write',
  ADMIN = 'admin',
}
registerEnumType(RoleValue, { name: 'Role', description: 'A role on a dataset: READ < WRITE < ADMIN.' });

/** Who may read a dataset without a grant. */
export enum VisibilityValue {
  PRIVATE = 'private',
  INTERNAL = 'internal',
  PUBLIC = 'public',
}
registerEnumType(VisibilityValue, {
  name: 'Visibility',
  description: 'PUBLIC: anyone; INTERNAL: any signed-in user; PRIVATE: members and grantees only.',
});

export enum RefKindValue {
  BRANCH = 'branch',
  TAG = 'tag',
}
registerEnumType(RefKindValue, { name: 'RefKind' });

/** A user's role in an organization. */
export enum OrgRoleValue {
  OWNER = 'owner',
  MEMBER = 'member',
}
registerEnumType(OrgRoleValue, {
  name: 'OrgRole',
  description: 'OWNER: administers the organization and its datasets; MEMBER: reads its datasets.',
});

/** Who a dataset role is granted to. */
export enum GranteeKindValue {
  USER = 'user',
  TEAM = 'team',
}
registerEnumType(GranteeKindValue, { name: 'GranteeKind' });
