/** Messages between the emulator and a Lambda worker thread. */
import type { DirectPorts } from './direct-sdk-transport.ts';
import type { LocalEndpoints } from './local-redirects.ts';
import type { RuntimeSdk } from './runtime-sdk.ts';

export interface WorkerData {
  functionName: string;
  handlerModule: string;
  handlerExport: string;
  memorySize: number;
  /** Where the worker sends requests for this API's own AWS endpoints. */
  localEndpoints: LocalEndpoints;
  /** The AWS SDK the function's runtime provides. */
  runtimeSdk: RuntimeSdk;
  /** Where the SDK v3's calls to the local stand-ins go without a socket; absent, they go over HTTP. */
  directPorts?: DirectPorts | undefined;
  /** The word the environment blocks on while idle (environment-freeze.ts). */
  freezer: SharedArrayBuffer;
}

export interface InvokeMessage {
  id: number;
  requestId: string;
  event: unknown;
  /** The function's timeout; `context.getRemainingTimeInMillis()` counts down from it once the handler is called. */
  timeoutMs: number;
}

/**
 * Asks an environment for a full garbage collection, when the process runs with `--expose-gc`: for
 * memory measurements that should count what is kept, not what V8 has yet to collect.
 */
export const COLLECT_GARBAGE = 'collect-garbage';

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'log'; level: string; text: string; requestId: string | undefined }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: { name: string; message: string; stack?: string | undefined } };
