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
