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
import { freezeWhileIdle } from './environment-freeze.ts';
import { heapCompactor } from './idle-heap-compaction.ts';
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

/** After this long frozen, the environment gives its spare heap back (idle-heap-compaction.ts). */
const COMPACT_AFTER_IDLE_MS = 5000;
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();
const wake = { collect: collectGarbage, compact: heapCompactor(), compactAfterMs: COMPACT_AFTER_IDLE_MS };
let running = 0;
let received = 0;

port.on('message', (message: InvokeMessage | typeof COLLECT_GARBAGE) => {
  if (message === COLLECT_GARBAGE) {
    collectGarbage();
    return;
  }
  received += 1;
  void currentRequest.run(message.requestId, () => invoke(message));
});
post({ type: 'ready' });
freezeSoon();

async function invoke({ id, event, requestId, timeoutMs }: InvokeMessage): Promise<void> {
  const context = lambdaContext({ requestId, functionName: data.functionName, memorySize: data.memorySize, timeoutMs });
  running += 1;
  const baseline = resourceCounts();
  try {
    post({ type: 'result', id, ok: true, value: await callHandler(handler, event, context, () => untilEventLoopEmpty(baseline)) });
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    post({ type: 'result', id, ok: false, error: { name: err.name, message: err.message, stack: err.stack } });
  } finally {
    running -= 1;
    freezeSoon();
  }
}

/**
 * Frozen once the result is on its way, as Lambda freezes an environment when the runtime has
 * handed the result back (environment-freeze.ts): whatever the handler left running waits.
 */
function freezeSoon(): void {
  setImmediate(() => {
    if (running === 0) freezeWhileIdle(data.freezer, received, wake);
  });
}

/**
 * A callback handler's result waits until the event loop has nothing left but the environment's own
 * handles, unless it set `context.callbackWaitsForEmptyEventLoop = false`, as in Lambda's Node.js
 * runtime. What counts is what was added since the invocation began (timers, sockets, file reads).
 */
function untilEventLoopEmpty(baseline: Map<string, number>): Promise<void> {
  return new Promise((resolve) => {
    // The check's own timer is unref'd, so it keeps nothing alive and is not counted.
    const check = () => {
      if ([...resourceCounts()].every(([type, count]) => count <= (baseline.get(type) ?? 0))) resolve();
      else setTimeout(check, 5).unref();
    };
    setTimeout(check, 0).unref();
  });
}

function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

function post(message: WorkerMessage): void {
  port?.postMessage(message);
}
