// The README is the first thing a new user reads: its configuration table must list exactly the
// settings the server reads, with the same defaults.
import { readFileSync } from 'node:fs';
import { commands, settings } from '@strata/app';

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

  it('lists every CLI command, and no command that does not exist', () => {
    const listed = [...readme.matchAll(/^\| `([a-z:]+)[ `]/gm)].map((match) => match[1]);
    const tableCommands = listed.filter((name) => name !== undefined && !/^[A-Z_]+$/.test(name));
    expect(new Set(tableCommands)).toEqual(
      new Set(Object.keys(commands).filter((name) => name !== 'migration:create')),
    );
  });

  it('opens with the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test ');
  });
});
