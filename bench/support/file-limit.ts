/**
 * Open-file limits. Every WebSocket connection is a file descriptor in the client and in the server,
 * and many systems allow only 1024 per process by default. A process may raise its own soft limit up
 * to the hard limit, but Node.js has no call for it, so the benchmark re-runs itself under a shell
 * that does (`ulimit -Sn <hard>`); the server child processes inherit the raised limit.
 */
import { spawnSync } from 'node:child_process';

const RERUN_MARK = 'BENCH_FILE_LIMIT_RAISED';

/** This process's soft limit on open files. */
export function openFileLimit(): number {
  const text = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  return text === 'unlimited' ? Number.POSITIVE_INFINITY : Number(text) || 0;
}

/** When fewer than `needed` files may be open, runs this same command again with the soft limit raised, and exits with its status. */
export function raiseFileLimitAndRerun(needed: number): void {
  if (openFileLimit() >= needed || process.env[RERUN_MARK] === '1') return;
  const script = 'h=$(ulimit -Hn); [ "$h" = unlimited ] && h=1048576; ulimit -Sn "$h" 2>/dev/null; exec "$@"';
  const rerun = spawnSync('sh', ['-c', script, 'sh', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [RERUN_MARK]: '1' },
  });
  process.exit(rerun.status ?? 1);
}
