// The image loader's decoding worker, started as soon as a viewer module runs in the browser: it
// boots (a few hundred kB of codec glue) on another core while the main thread still evaluates
// Cornerstone, instead of after it. Cornerstone's worker manager is then given this worker.

let early: Worker | undefined;

function createDecodeWorker(): Worker {
  // The loader's own worker module. Its package exports do not name it, so it is reached by
  // path: the workspaces' node_modules is hoisted at the repository's root. (A wrong path fails
  // the build: Turbopack resolves it.)
  return new Worker(
    new URL(
      '../../../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/decodeImageFrameWorker.js',
      import.meta.url,
    ),
    { type: 'module', name: 'dicom-decode' },
  );
}

export function startDecodeWorker(): void {
  if (early !== undefined) return;
  early = createDecodeWorker();
  performance.mark('viewer:worker');
}

/** The worker started early (once), or a new one. */
export function takeDecodeWorker(): Worker {
  const worker = early ?? createDecodeWorker();
  early = undefined;
  return worker;
}
