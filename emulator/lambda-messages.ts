/** Messages between the emulator and a Lambda worker thread. */

export interface WorkerData {
  functionName: string;
  handlerModule: string;
  handlerExport: string;
  memorySize: number;
  emulatorPort: number;
}

export interface InvokeMessage {
  id: number;
  requestId: string;
  event: unknown;
  /** The function's timeout; `context.getRemainingTimeInMillis()` counts down from it once the handler is called. */
  timeoutMs: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'log'; level: string; text: string; requestId: string | undefined }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: { name: string; message: string; stack?: string | undefined } };
