/**
 * What answers at an endpoint, for widgets that can do more on the emulator (read its tables, call
 * @connections from the page) than on a deployed API: the emulator, something else (a deployed
 * API), or nothing at all.
 */
import { emulatorStatus, probeEndpoint, type EmulatorStatus } from './endpoint.ts';

export type BackendKind = { kind: 'emulator'; status: EmulatorStatus } | { kind: 'deployed' } | { kind: 'none' };

export async function detectBackend(endpoint: string, signal?: AbortSignal): Promise<BackendKind> {
  const status = await emulatorStatus(endpoint, signal);
  if (status) return { kind: 'emulator', status };
  return (await probeEndpoint(endpoint, signal)) ? { kind: 'deployed' } : { kind: 'none' };
}
