/**
 * The body of one Lambda function's worker thread: a separate module scope that stays warm
 * between invocations, as a Lambda execution environment does.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { enableCompileCache } from 'node:module';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { COLLECT_GARBAGE, type InvokeMessage, type WorkerData, type WorkerMessage } from './lambda-messages.ts';
import { callHandler, exportedHandler, lambdaContext } from './lambda-invoke.ts';
import { deliverSdkCallsOverPorts } from './direct-sdk-transport.ts';
import { compactHeapWhenIdle } from './idle-heap-compaction.ts';
import { installLocalRedirects } from './local-redirects.ts';
import { explainImportError } from './runtime-sdk.ts';
import { provideSdkToImports } from './runtime-sdk-hooks.ts';

const data = workerData as WorkerData;
const port = parentPort;
if (!port) throw new Error('lambda-worker.ts must run as a worker thread');

// V8's compiled code for the handler and its SDK kept on disk (in the OS's temp folder) between cold
// starts: measured with the sample's `$connect`, 367 ms to 328 ms until the first handshake opened.
enableCompileCache?.();
installLocalRedirects(data.localEndpoints);
if (data.directPorts) deliverSdkCallsOverPorts(data.localEndpoints, data.directPorts);
// `require()` finds the runtime's SDK through NODE_PATH; `import` needs a hook (see runtime-sdk.ts).
if (data.runtimeSdk.packageName === '@aws-sdk') provideSdkToImports(data.runtimeSdk);

// Console output goes to the emulator's log, tagged with the invocation it belongs to.
const currentRequest = new AsyncLocalStorage<string>();
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => {
    post({ type: 'log', level, text: format(...args), requestId: currentRequest.getStore() });
  };
}

const module = (await import(pathToFileURL(data.handlerModule).href).catch((error: unknown) => {
  throw explainImportError(error, data.runtimeSdk.packageName);
})) as Record<string, unknown>;
const handler = exportedHandler(module, data.handlerExport, data.handlerModule);

/** After this long with no invocation, the environment gives its spare heap back (idle-heap-compaction.ts). */
const COMPACT_AFTER_IDLE_MS = 5000;
const heap = compactHeapWhenIdle(COMPACT_AFTER_IDLE_MS);
let running = 0;

port.on('message', (message: InvokeMessage | typeof COLLECT_GARBAGE) => {
  if (message === COLLECT_GARBAGE) {
    (globalThis as { gc?: () => void }).gc?.();
    return;
  }
  void currentRequest.run(message.requestId, () => invoke(message));
});
post({ type: 'ready' });
// Loading the code grew the heap too.
heap.idle();

async function invoke({ id, event, requestId, timeoutMs }: InvokeMessage): Promise<void> {
  const context = lambdaContext({ requestId, functionName: data.functionName, memorySize: data.memorySize, timeoutMs });
  running += 1;
  heap.busy();
  try {
    post({ type: 'result', id, ok: true, value: await callHandler(handler, event, context) });
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    post({ type: 'result', id, ok: false, error: { name: err.name, message: err.message, stack: err.stack } });
  } finally {
    running -= 1;
    if (running === 0) heap.idle();
  }
}

function post(message: WorkerMessage): void {
  port?.postMessage(message);
}
