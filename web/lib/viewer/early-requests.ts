// A viewer page starts its first requests from an inline script, while the page's own scripts
// (Cornerstone is a few MB) still load: the series' metadata and the first image's frame. The
// viewer takes the answers up when it starts. Plain functions: the server renders the script,
// the browser takes the responses.

/** The global the inline script fills: requests under way, by URL. */
const EARLY = '__strataViewerEarly';

/** How long an early answer is worth taking up (a page left and come back to asks afresh). */
const FRESH_MS = 15_000;

export interface EarlyRequest {
  url: string;
  accept: string;
}

/**
 * The inline script: each request is a plain fetch resolved to undefined on failure, so the
 * viewer then asks again itself and says what went wrong.
 */
export function earlyRequestsScript(requests: EarlyRequest[]): string {
  const json = JSON.stringify(requests).replaceAll('<', '\\u003c');
  return (
    `(function(){var early=window.${EARLY}=window.${EARLY}||{};` +
    `${json}.forEach(function(r){early[r.url]={at:Date.now(),response:fetch(r.url,` +
    `{headers:{accept:r.accept},credentials:'same-origin'}).catch(function(){return undefined;})};});})();`
  );
}

interface Early {
  at: number;
  response: Promise<Response | undefined>;
}

/** The response the inline script asked for at `url`, once and while fresh; undefined otherwise. */
export function takeEarly(url: string): Promise<Response | undefined> | undefined {
  if (typeof window === 'undefined') return undefined;
  const early = (window as unknown as Record<string, Record<string, Early> | undefined>)[EARLY];
  const entry = early?.[url];
  if (early !== undefined) delete early[url];
  return entry !== undefined && Date.now() - entry.at < FRESH_MS ? entry.response : undefined;
}
