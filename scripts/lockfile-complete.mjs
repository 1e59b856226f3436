// The npm registry reachable here serves no macOS or Windows builds (404), so `npm install`
// leaves their optional platform packages (@swc/core-darwin-*, @turbo/windows-*, …) out of
// package-lock.json, and `npm ci` then refuses the lockfile as out of sync. This adds a
// placeholder entry (name, version, optional) for each; npm ci skips them on a platform they do
// not fit and fetches them on one they do.
//   node scripts/lockfile-complete.mjs          fix package-lock.json in place (run after npm install)
//   node scripts/lockfile-complete.mjs --check  fail if an entry is missing (npm test runs this)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const missing = [];

for (const [path, meta] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const candidates = [];
    for (let dir = path; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      candidates.push(dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`);
      if (dir === '') break;
    }
    if (candidates.some((candidate) => candidate in packages)) continue;
    missing.push(name);
    packages[`node_modules/${name}`] = {
      version: String(range).replace(/^[\^~=v]+/, ''),
      ...(meta.dev === true ? { dev: true } : {}),
      optional: true,
    };
  }
}

if (process.argv.includes('--check')) {
  if (missing.length > 0) {
    console.error(
      `package-lock.json lacks ${missing.length} optional platform package(s) (${missing.slice(0, 3).join(', ')}, …), ` +
        'so `npm ci` would refuse it: run `node scripts/lockfile-complete.mjs`.',
    );
    process.exit(1);
  }
} else {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
  );
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: added ${missing.length} placeholder entr${missing.length === 1 ? 'y' : 'ies'}.`);
}
