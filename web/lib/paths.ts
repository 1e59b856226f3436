/** The web app's URL scheme: every page a deep link. Refs with `/` keep them as path segments. */

function segments(ref: string): string {
  return ref.split('/').map(encodeURIComponent).join('/');
}

/** A path with the given query parameters, leaving out the empty ones. */
function withQuery(path: string, parameters: Record<string, string | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  ).toString();
  return query === '' ? path : `${path}?${query}`;
}

export const paths = {
  datasets: () => '/',
  signIn: (returnTo?: string) =>
    returnTo === undefined ? '/sign-in' : `/sign-in?returnTo=${encodeURIComponent(returnTo)}`,
  dataset: (owner: string, name: string) => `/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`,
  tree: (owner: string, name: string, ref: string) => `${paths.dataset(owner, name)}/tree/${segments(ref)}`,
  commits: (owner: string, name: string, ref: string, after?: string) =>
    `${paths.dataset(owner, name)}/commits/${segments(ref)}${after === undefined ? '' : `?after=${encodeURIComponent(after)}`}`,
  /** A study's series at a ref (a query parameter: the study UID is the path's last segment). */
  study: (owner: string, name: string, study: string, ref: string) =>
    `${paths.dataset(owner, name)}/studies/${encodeURIComponent(study)}?ref=${encodeURIComponent(ref)}`,
  /** The viewer of one series at a ref, optionally at an instance, a frame or a stack position (helper V). */
  series: (
    owner: string,
    name: string,
    study: string,
    series: string,
    ref: string,
    at: { instance?: string | null; frame?: number | null } = {},
  ) =>
    `${paths.dataset(owner, name)}/studies/${encodeURIComponent(study)}/series/${encodeURIComponent(series)}?${new URLSearchParams(
      {
        ref,
        ...(typeof at.instance === 'string' && { instance: at.instance }),
        ...(typeof at.frame === 'number' && { frame: String(at.frame) }),
      },
    ).toString()}`,
  /** One series side by side at two versions (helper V). */
  seriesCompare: (owner: string, name: string, study: string, series: string, from: string, to: string) =>
    `${paths.dataset(owner, name)}/studies/${encodeURIComponent(study)}/series/${encodeURIComponent(series)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  proposals: (owner: string, name: string, filter: { state?: string; after?: string } = {}) =>
    withQuery(`${paths.dataset(owner, name)}/proposals`, filter),
  newProposal: (owner: string, name: string) => `${paths.dataset(owner, name)}/proposals/new`,
  proposal: (owner: string, name: string, number: number) => `${paths.dataset(owner, name)}/proposals/${number}`,
  issues: (
    owner: string,
    name: string,
    filter: { state?: string; label?: string; assignee?: string; after?: string } = {},
  ) => withQuery(`${paths.dataset(owner, name)}/issues`, filter),
  newIssue: (owner: string, name: string) => `${paths.dataset(owner, name)}/issues/new`,
  issue: (owner: string, name: string, number: number) => `${paths.dataset(owner, name)}/issues/${number}`,
  /** Where the README of a branch is written. */
  editReadme: (owner: string, name: string, branch: string) =>
    `${paths.dataset(owner, name)}/readme/${segments(branch)}`,
  commit: (owner: string, name: string, id: string) => `${paths.dataset(owner, name)}/commit/${encodeURIComponent(id)}`,
  /** What changed from one ref to another; refs keep their `/` as path segments. */
  compare: (owner: string, name: string, from: string, to: string) =>
    `${paths.dataset(owner, name)}/compare/${segments(from)}...${segments(to)}`,
  releases: (owner: string, name: string) => `${paths.dataset(owner, name)}/releases`,
  audit: (owner: string, name: string) => `${paths.dataset(owner, name)}/audit`,
  settings: (owner: string, name: string) => `${paths.dataset(owner, name)}/settings`,
  newRelease: (owner: string, name: string) => `${paths.dataset(owner, name)}/releases/new`,
  /** A release by its tag (a tag with `/` keeps it as path segments). */
  release: (owner: string, name: string, tag: string) => `${paths.dataset(owner, name)}/releases/${segments(tag)}`,
  /** A dataset's audit log (its admins), filtered by action prefix and actor, paged. */
  datasetAudit: (owner: string, name: string, filter: { action?: string; actor?: string; after?: string } = {}) =>
    withQuery(`${paths.dataset(owner, name)}/audit`, filter),
  /** The whole audit log (site admins), filtered by dataset, action prefix and actor, paged. */
  siteAudit: (filter: { dataset?: string; action?: string; actor?: string; after?: string } = {}) =>
    withQuery('/admin/audit', filter),
  /** A user's or an organization's page: their datasets, and an organization's members and teams. */
  owner: (login: string) => `/${encodeURIComponent(login)}`,
  /** The signed-in user's API tokens. */
  tokens: () => '/settings/tokens',
  /** The DICOMweb base URL of a dataset at a ref (what OHIF takes as wadoRoot and qidoRoot). */
  dicomweb: (owner: string, name: string, ref: string) =>
    `/dicomweb/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/@${encodeURIComponent(ref)}`,
};

/** A ref from a catch-all route's segments (Next hands them over still percent-encoded or not, by version). */
export function refOf(parts: string[]): string {
  return parts
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    })
    .join('/');
}

/** A path on this site to return to after signing in; anything else (another site) becomes `/`. */
export function safeReturnTo(value: string | string[] | undefined): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/';
}
