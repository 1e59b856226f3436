import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The version in the app's package.json, found from this file whether it runs from source or dist. */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === '@strata/app') return (cached = manifest.version ?? '0.0.0');
    } catch {
      // not here: look one level up
    }
    dir = dirname(dir);
  }
  return (cached = '0.0.0');
}
