// Runs the real `strata` command (the built server/app/dist) as a child process, the way
// `npm start` does, so tests see exactly what an operator sees: exit codes, stderr, JSON logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository's root (where turbo.json is), from sources or from a build of them. */
export function repositoryRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'turbo.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('not inside the Strata repository');
    dir = parent;
  }
  return dir;
}

export const STRATA_MAIN = join(repositoryRoot(), 'server', 'app', 'dist', 'cli', 'main.js');

export interface StrataProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the base URL once the server logs that it is serving. */
  serving: Promise<string>;
  /** Resolves with the exit code (or 128 + signal number) when the process ends. */
  exited: Promise<number>;
}

/** Starts `strata <args>` with the given environment on top of a minimal one. */
export function startStrata(args: string[], env: Record<string, string>, node = process.execPath): StrataProcess {
  const child = spawn(node, [STRATA_MAIN, ...args], {
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let onServing: ((url: string) => void) | undefined;
  const serving = new Promise<string>((resolve) => (onServing = resolve));
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    // Only until it serves: scanning all the output again for every log line made a benchmark's
    // own process, which reads a busy server's logs, slower with every request it timed.
    if (onServing === undefined) return;
    const match = /"url":"(http:\/\/[^"]+)","msg":"strata is serving"/.exec(output);
    if (match?.[1] !== undefined) {
      onServing(match[1]);
      onServing = undefined;
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) =>
      resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 1)),
    ),
  );
  return { child, output: () => output, serving, exited };
}

/** Runs `strata <args>` to completion and returns its exit code and output. */
export async function runStrata(args: string[], env: Record<string, string>, node?: string) {
  const started = startStrata(args, env, node);
  const code = await started.exited;
  return { code, output: started.output() };
}

/** Waits until the process serves, or fails the test with what it printed instead. */
export async function untilServing(started: StrataProcess, timeoutMs = 60_000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const failure = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not serving after ${timeoutMs} ms:\n${started.output()}`)), timeoutMs);
    void started.exited.then((code) => reject(new Error(`exited with ${code} before serving:\n${started.output()}`)));
  });
  try {
    return await Promise.race([started.serving, failure]);
  } finally {
    clearTimeout(timer);
  }
}
