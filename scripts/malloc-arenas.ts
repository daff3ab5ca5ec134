/**
 * Fewer glibc malloc arenas for the emulator's process. glibc gives each thread that allocates
 * its own arena (up to 8 per core), and keeps an arena's freed pages after its thread has gone.
 * Every Lambda environment is a worker thread, so a process that has run a few dozen of them holds
 * their arenas' leftovers: measured with `npm run bench -- --only footprint`, `npm start` idle once
 * its environments had stopped was 212 MB with glibc's default and 162 MB with two arenas.
 *
 * The variable is read only when a process starts, so the process replaces itself (same pid, same
 * terminal, same arguments) with the variable set: no second process stays behind. Other systems'
 * allocators, and a MALLOC_ARENA_MAX the reader chose, are left alone.
 */
export const MALLOC_ARENAS = '2';

export function restartWithFewerMallocArenas(): void {
  if (process.platform !== 'linux' || process.env.MALLOC_ARENA_MAX !== undefined) return;
  // process.execve came with Node 22.15 and 23.11; an older Node runs on with glibc's default.
  if (typeof process.execve !== 'function') return;
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    ...process.env,
    MALLOC_ARENA_MAX: MALLOC_ARENAS,
  });
}
