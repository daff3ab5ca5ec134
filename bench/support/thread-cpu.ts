/** CPU time of a process's threads (Linux /proc), split into its main thread and all the others. */
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadCpu {
  /** The main thread's CPU time in ms: the emulator's gateway. */
  mainMs: number;
  /** Every other thread together (Lambda environments, the DynamoDB thread, V8's helpers), in ms. */
  otherMs: number;
}

// USER_HZ: 100 on every Linux architecture Node.js runs on.
const TICK_MS = 10;

export function threadCpu(pid: number): ThreadCpu {
  let mainMs = 0;
  let otherMs = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
        if (tid === String(pid)) mainMs += ms;
        else otherMs += ms;
      } catch {
        // A thread that ended while being read.
      }
    }
  } catch {
    return { mainMs: Number.NaN, otherMs: Number.NaN };
  }
  return { mainMs, otherMs };
}

/** What was spent between two readings. */
export function cpuSince(before: ThreadCpu, after: ThreadCpu): ThreadCpu {
  return { mainMs: after.mainMs - before.mainMs, otherMs: after.otherMs - before.otherMs };
}
