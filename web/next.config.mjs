// @ts-check
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root: one node_modules for every workspace. */
const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** @type {import('next').NextConfig} */
const config = {
  poweredByHeader: false,
  // `strata serve` compresses nothing itself; Next compresses its own pages.
  compress: true,
  turbopack: {
    root,
    // The viewer's wasm codecs (Emscripten) require `fs` and `path` only under Node.
    resolveAlias: {
      fs: { browser: './lib/viewer/build/empty.js' },
      path: { browser: './lib/viewer/build/empty.js' },
    },
    rules: {
      // A self-spawning worker in @cornerstonejs/tools hangs Turbopack's production build:
      // see lib/viewer/build/no-compute-worker.js and docs/design/web.md.
      '**/@cornerstonejs/tools/dist/esm/utilities/registerComputeWorker.js': {
        loaders: ['./lib/viewer/build/no-compute-worker.js'],
      },
    },
  },
  outputFileTracingRoot: root,
  experimental: {
    // Cornerstone's packages are barrels of hundreds of modules: import only what is used.
    optimizePackageImports: ['@cornerstonejs/core', '@cornerstonejs/tools', '@cornerstonejs/dicom-image-loader'],
  },
};

export default config;
