export { AUTH_CHALLENGE } from './access-errors.js';
export {
  accountsById,
  addOrgMember,
  addTeamMember,
  createOrganization,
  createTeam,
  createUser,
  deleteTeam,
  listUsers,
  removeOrgMember,
  removeTeamMember,
  requireDatasetOwner,
  setUserDisabled,
  type NewUser,
} from './accounts.js';
export { ANONYMOUS, OPERATOR, type Actor, type TokenRestriction, type UserActor } from './actor.js';
export { authenticate, authenticateUntil, type Credentials } from './authenticate.js';
export { grantRole, revokeRole, setVisibility, VISIBILITIES } from './dataset-access.js';
export { accountProfile, datasetMembers, organizationsOf, type AccountProfile } from './memberships.js';
export { decideRole, ROLES, roleRank, type RoleFacts } from './decide-role.js';
export { openDataset, openDatasetWithRole, requireAccess, requireSiteAdmin } from './require-access.js';
export { roleGiven, roleOf } from './role-of.js';
export { signIn, signOut } from './sessions.js';
export { createToken, listTokens, revokeToken, tokenViews, type NewTokenRequest, type TokenView } from './tokens.js';
export { visibleDatasets, type DatasetPage } from './visible-datasets.js';
export { authorOf } from './author-of.js';
export { OidcProvider, type OidcSettings } from './oidc-provider.js';
export { finishOidcSignIn, OIDC_FLOW_LIFETIME_MS, safeReturnTo, startOidcSignIn } from './oidc-sign-in.js';
