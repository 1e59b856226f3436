/** The web app's URL scheme: every page a deep link. Refs with `/` keep them as path segments. */

function segments(ref: string): string {
  return ref.split('/').map(encodeURIComponent).join('/');
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
