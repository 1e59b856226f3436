// Cornerstone's code (a few MB) is fetched and evaluated as soon as a viewer module runs in the
// browser, before React has hydrated the page, instead of when the viewer's effect first runs.
import type * as Cornerstone from './cornerstone';
import { startDecodeWorker } from './decode-worker';

let started: Promise<typeof Cornerstone> | undefined;

export function loadRuntime(): Promise<typeof Cornerstone> {
  if (started === undefined) {
    started = import('./cornerstone');
    // A failure is reported to whoever awaits it; never as an unhandled rejection meanwhile.
    started.catch(() => undefined);
  }
  return started;
}

// In the browser, at once: the decoding worker is started, then (after yielding, so the worker
// can begin before the main thread is busy with Cornerstone's code) Cornerstone is loaded and
// set up, before the page hydrates. A failure is thrown again to the viewer, which says so.
if (typeof window !== 'undefined') {
  startDecodeWorker();
  setTimeout(() => {
    loadRuntime()
      .then((cornerstone) => cornerstone.initCornerstone())
      .catch(() => undefined);
  }, 0);
}
