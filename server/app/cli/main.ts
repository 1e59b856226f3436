#!/usr/bin/env node
// Entry point of the `strata` command. It checks the Node.js version before loading anything
// that needs a recent one, so an old Node fails with advice instead of a syntax error.
import { setFlagsFromString } from 'node:v8';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 17)) {
  process.stderr.write(
    `strata: Node.js ${process.versions.node} is too old (Strata needs 24). Run it through npm ` +
      '(npm start, or npm run strata -- <command>), which uses the Node 24 the project installs.\n',
  );
  process.exit(1);
}
// V8 starts a full mark-compact whenever external memory (Buffers: every chunk of a request body
// the HTTP parser hands over, every block read from a file) has grown by 64 MiB since the last one,
// however little the JavaScript heap grew. Receiving STOW-RS at 100 MB/s that was two collections a
// second, each marking the whole ~75 MB heap. Counted within the heap's global limit instead,
// external memory starts a collection only when heap and external memory together reach that
// limit: STOW-RS of 1,000 512² CT slices took 3.8-4.9 instead of 5.3-6.7 ms of CPU per instance
// and the peak resident size did not grow (bench/dicomweb, 2026-11-24). A flag given on the
// command line wins.
if (!process.execArgv.some((flag) => flag.includes('external-memory-accounted-in-global-limit')))
  setFlagsFromString('--external-memory-accounted-in-global-limit');
const { runCli } = await import('./run.js');
process.exitCode = await runCli(process.argv.slice(2), process.env);
