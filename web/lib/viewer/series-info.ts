// The viewer's URLs and the query parameters of its deep links.
import { paths } from '../paths';

export const viewerPaths = {
  /** The viewer of a series at a ref. */
  series: (owner: string, name: string, study: string, series: string, ref: string) =>
    `${paths.dataset(owner, name)}/studies/${encodeURIComponent(study)}/series/${encodeURIComponent(series)}?ref=${encodeURIComponent(ref)}`,
  /** Two versions of a series side by side. */
  compare: (owner: string, name: string, study: string, series: string, from: string, to: string) =>
    `${paths.dataset(owner, name)}/studies/${encodeURIComponent(study)}/series/${encodeURIComponent(series)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  /** The WADO-RS URL of a series at a ref, on this origin. */
  wado: (owner: string, name: string, ref: string, study: string, series: string) =>
    `${paths.dicomweb(owner, name, ref)}/studies/${encodeURIComponent(study)}/series/${encodeURIComponent(series)}`,
};

/** A positive whole number from a query parameter, or undefined. */
export function positiveOf(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

/** A UID from a query parameter (digits and dots), or undefined. */
export function uidOf(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && /^[0-9.]{1,64}$/.test(value) ? value : undefined;
}
