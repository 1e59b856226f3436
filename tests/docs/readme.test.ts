// The README is the first thing a new user reads: its configuration table must list exactly the
// settings the server reads, with the same defaults.
import { readFileSync } from 'node:fs';
import { settings } from '@strata/app';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function configurationRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of readme.split('\n')) {
    const match = /^\| `([A-Z0-9_]+)`\s*\|\s*(.*?)\s*\|/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) rows.set(match[1], match[2].replace(/\\/g, ''));
  }
  return rows;
}

describe('README', () => {
  it('documents every setting, and nothing else, with its default', () => {
    const rows = configurationRows();
    expect([...rows.keys()].sort()).toEqual(
      Object.values(settings)
        .map((setting) => setting.env)
        .sort(),
    );
    for (const setting of Object.values(settings)) expect(rows.get(setting.env)).toBe(setting.defaultText);
  });

  it('opens with the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test ');
  });
});
