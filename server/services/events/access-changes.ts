/**
 * Actions after which a cached relation (organization role, grants) or a dataset's visibility
 * may be out of date. Access is decided by organizations, teams, grants, visibility and accounts;
 * every change to them is an audit event of one of these families, passing through the same
 * ordered stream as the events it governs.
 */
export function changesRoles(action: string): boolean {
  return /^(org|team|user|dataset)\./.test(action) || changesCredentials(action);
}

/** Actions after which a connection's credentials may have stopped being valid. */
export function changesCredentials(action: string): boolean {
  if (action.endsWith('.created')) return false;
  return action.startsWith('token.') || action.startsWith('user.') || action.startsWith('session.');
}
