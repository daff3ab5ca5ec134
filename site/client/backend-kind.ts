/**
 * What answers at an endpoint, for widgets that can do more on the emulator (read its tables, call
 * @connections from the page) than on a deployed API: the emulator, something else (a deployed
 * API), nothing at all, or not looked for yet.
 */
import { emulatorStatus, loadSavedEndpoint, probeEndpoint, type EmulatorStatus } from './endpoint.ts';

export type BackendKind = { kind: 'emulator'; status: EmulatorStatus } | { kind: 'deployed' } | { kind: 'none' } | { kind: 'unchecked' };

/**
 * Asks the endpoint what it is. `when` says what caused the check: the reader (a connection
 * attempt, a chosen endpoint, a cell run), or the page starting (`load`), before the reader has
 * done anything. Then it asks only where a backend is expected, and elsewhere answers `unchecked`
 * without a request; the widgets look when the reader connects.
 *
 * Why: a published copy of the site has nothing behind its default endpoint, and every request
 * that fails there is an error in the reader's console (and a reach into their machine that they
 * did not ask for). A backend is expected at the endpoint the site was built for with
 * `PUBLIC_WS_ENDPOINT` (`npm start` sets it to its emulator) and at one the reader chose before.
 */
export async function detectBackend(endpoint: string, signal?: AbortSignal, when: 'load' | 'asked' = 'asked'): Promise<BackendKind> {
  if (when === 'load' && !isBackendExpected(endpoint, { builtFor: import.meta.env.PUBLIC_WS_ENDPOINT, saved: loadSavedEndpoint() })) {
    return { kind: 'unchecked' };
  }
  const status = await emulatorStatus(endpoint, signal);
  if (status) return { kind: 'emulator', status };
  return (await probeEndpoint(endpoint, signal)) ? { kind: 'deployed' } : { kind: 'none' };
}

/** Whether a backend is expected at the endpoint before anyone has asked: see detectBackend(). */
export function isBackendExpected(endpoint: string, known: { builtFor: string | undefined; saved: string | null }): boolean {
  const same = (a: string, b: string): boolean => a.trim().replace(/\/$/, '') === b.trim().replace(/\/$/, '');
  return [known.builtFor, known.saved].some((url) => Boolean(url) && same(url!, endpoint));
}
