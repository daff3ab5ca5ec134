/**
 * Freezing an idle Lambda environment, as Lambda freezes one between invocations: once the handler
 * has returned, nothing in the environment runs (no timer, no callback, no reply to a request it
 * forgot to await) until the next invocation thaws it. So the usual missing-`await` bug
 * (`client.send(...)` without `await` before `return`) behaves here as on AWS: the work waits for
 * the next invocation, or never happens.
 *
 * The worker thread blocks in `Atomics.wait` on a shared word; the emulator thaws it before handing
 * it an invocation. While frozen it wakes for two things only, without running any of its own code:
 * a full collection asked for by a measurement, and, after a few seconds, one memory-reducing
 * collection (idle-heap-compaction.ts). `worker.terminate()` ends a frozen thread at once.
 */

/** [0]: FROZEN or THAWED; [1]: requests while frozen; [2]: invocations handed to the environment. */
export const FREEZER_BYTES = 3 * Int32Array.BYTES_PER_ELEMENT;

const THAWED = 0;
const FROZEN = 1;
const COLLECT_REQUEST = 1;

/** The emulator's side: the environment may run now. Call before posting it an invocation. */
export function thawForInvocation(freezer: SharedArrayBuffer): void {
  const word = new Int32Array(freezer);
  Atomics.add(word, 2, 1);
  Atomics.store(word, 0, THAWED);
  Atomics.notify(word, 0);
}

/** The emulator's side: a full collection, whether the environment is frozen or not. */
export function requestCollection(freezer: SharedArrayBuffer): void {
  const word = new Int32Array(freezer);
  Atomics.or(word, 1, COLLECT_REQUEST);
  Atomics.notify(word, 0);
}

/**
 * The environment's side. `received` is how many invocations it has taken from its port; it
 * freezes only if that is all the emulator has handed it (another may already be on its way).
 * Returns once thawed.
 */
export function freezeWhileIdle(freezer: SharedArrayBuffer, received: number, onWake: { collect(): void; compact(): void; compactAfterMs: number }): void {
  const word = new Int32Array(freezer);
  if (Atomics.load(word, 2) !== received) return;
  Atomics.store(word, 0, FROZEN);
  // The emulator may have handed one over between the check and the store: then run on.
  if (Atomics.load(word, 2) !== received) {
    Atomics.store(word, 0, THAWED);
    return;
  }
  let compacted = false;
  while (Atomics.load(word, 0) === FROZEN) {
    const waited = Atomics.wait(word, 0, FROZEN, compacted ? undefined : onWake.compactAfterMs);
    if (Atomics.exchange(word, 1, 0) & COLLECT_REQUEST) onWake.collect();
    if (waited === 'timed-out' && !compacted) {
      onWake.compact();
      compacted = true;
    }
  }
}
