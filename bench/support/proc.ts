/**
 * Figures read from Linux's /proc about the servers under test, from outside them: resident memory
 * (of a process, or of it and everything it started) and CPU time (of a process, or per thread).
 */
import { readdirSync, readFileSync } from 'node:fs';

// USER_HZ: 100 on every Linux architecture Node.js runs on.
const CLOCK_TICKS_PER_SECOND = 100;

/** The fields of a `stat` file after the command name, which is in parentheses and may contain spaces. */
function statFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User + system CPU time in a `stat` file, in ms. */
function statCpuMs(path: string): number {
  const fields = statFields(path);
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory of any process, in bytes. */
export function processRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** User + system CPU time of a process and all its threads, in ms (NaN where /proc is missing). */
export function processCpuMs(pid: number): number {
  try {
    return statCpuMs(`/proc/${pid}/stat`);
  } catch {
    return Number.NaN;
  }
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 2nd field after the command.
      if (Number(statFields(`/proc/${entry}/stat`)[1]) === pid) children.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return children;
}

function processTree(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(processTree)];
}

/** The summed RSS of `pid` and its descendants, in bytes, as `ps` would add it up. */
export function treeRss(pid: number): number {
  let total = 0;
  for (const member of processTree(pid)) {
    try {
      total += processRss(member);
    } catch {
      // Gone already.
    }
  }
  return total;
}

export interface ThreadCpu {
  /** The main thread's CPU time in ms: the emulator's gateway. */
  mainMs: number;
  /** Every other thread together (Lambda environments, the DynamoDB thread, V8's helpers), in ms. */
  otherMs: number;
}

/** CPU time of a process's threads, split into its main thread and all the others. */
export function threadCpu(pid: number): ThreadCpu {
  let mainMs = 0;
  let otherMs = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const ms = statCpuMs(`/proc/${pid}/task/${tid}/stat`);
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
