// CPU time of a process, from /proc (Linux): what a server spent on a benchmark row, whatever the
// row's wall time. On a 2-core machine where both servers and the client compete for the cores,
// milliseconds of CPU per instance say more about a server than its throughput alone.
import { readFile } from 'node:fs/promises';

/**
 * /proc reports CPU time in clock ticks of USER_HZ, which is 100 on every Linux architecture
 * Node runs on (sysconf(_SC_CLK_TCK); proc(5)).
 */
const MS_PER_TICK = 10;

/** User plus system CPU time of process `pid` and all its threads so far, in milliseconds. */
export async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/** The CPU time `pid` spends while `work` runs, in milliseconds, beside what `work` returns. */
export async function withCpu<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const before = await processCpuMs(pid);
  const result = await work();
  return { result, cpuMs: (await processCpuMs(pid)) - before };
}
