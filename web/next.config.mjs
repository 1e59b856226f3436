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
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default config;
