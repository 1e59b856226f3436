#!/usr/bin/env node
// Entry point of the `strata` command. It checks the Node.js version before loading anything
// that needs a recent one, so an old Node fails with advice instead of a syntax error.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 17)) {
  process.stderr.write(
    `strata: Node.js ${process.versions.node} is too old (Strata needs 24). Run it through npm ` +
      '(npm start, or npm run strata -- <command>), which uses the Node 24 the project installs.\n',
  );
  process.exit(1);
}
const { runCli } = await import('./run.js');
process.exitCode = await runCli(process.argv.slice(2), process.env);
