/**
 * The body of one Lambda function's worker thread: a separate module scope that stays warm
 * between invocations, as a Lambda execution environment does.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { COLLECT_GARBAGE, type InvokeMessage, type WorkerData, type WorkerMessage } from './lambda-messages.ts';
import { installLocalRedirects } from './local-redirects.ts';
import { explainImportError } from './runtime-sdk.ts';
import { provideSdkToImports } from './runtime-sdk-hooks.ts';

const data = workerData as WorkerData;
const port = parentPort;
if (!port) throw new Error('lambda-worker.ts must run as a worker thread');

installLocalRedirects(data.localEndpoints);
// `require()` finds the runtime's SDK through NODE_PATH; `import` needs a hook (see runtime-sdk.ts).
if (data.runtimeSdk.packageName === '@aws-sdk') provideSdkToImports(data.runtimeSdk);

// Console output goes to the emulator's log, tagged with the invocation it belongs to.
const currentRequest = new AsyncLocalStorage<string>();
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => {
    post({ type: 'log', level, text: format(...args), requestId: currentRequest.getStore() });
  };
}

type Handler = (event: unknown, context: unknown, callback?: (error: unknown, result?: unknown) => void) => unknown;

const module = (await import(pathToFileURL(data.handlerModule).href).catch((error: unknown) => {
  throw explainImportError(error, data.runtimeSdk.packageName);
})) as Record<string, unknown>;
// A CommonJS module arrives as `default` = its `module.exports`, whose names Node may also copy out
// beside it; `exports.default = fn` (handler `file.default`) is then module.default.default.
const fromExports = (module.default as Record<string, unknown> | undefined)?.[data.handlerExport];
const exported = typeof module[data.handlerExport] === 'function' ? module[data.handlerExport] : fromExports;
if (typeof exported !== 'function') {
  throw new Error(`${data.handlerModule} does not export a function named "${data.handlerExport}"`);
}
const handler = exported as Handler;

port.on('message', (message: InvokeMessage | typeof COLLECT_GARBAGE) => {
  if (message === COLLECT_GARBAGE) {
    (globalThis as { gc?: () => void }).gc?.();
    return;
  }
  void currentRequest.run(message.requestId, () => invoke(message));
});
post({ type: 'ready' });

async function invoke({ id, event, requestId, timeoutMs }: InvokeMessage): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const context = {
    awsRequestId: requestId,
    functionName: data.functionName,
    functionVersion: '$LATEST',
    memoryLimitInMB: String(data.memorySize),
    logGroupName: `/aws/lambda/${data.functionName}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await callHandler(event, context);
    post({ type: 'result', id, ok: true, value: asLambdaReturnsIt(result) });
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    post({ type: 'result', id, ok: false, error: { name: err.name, message: err.message, stack: err.stack } });
  }
}

// Supports both async handlers and the older callback style `(event, context, callback)`.
function callHandler(event: unknown, context: unknown): Promise<unknown> {
  if (handler.length < 3) return Promise.resolve(handler(event, context));
  return new Promise((resolve, reject) => {
    const returned = handler(event, context, (error, result) => (error ? reject(error) : resolve(result)));
    if (returned instanceof Promise) returned.then(resolve, reject);
  });
}

/**
 * Lambda hands a handler's result on as JSON: functions, symbols and undefined properties vanish, and
 * a value JSON cannot hold (a BigInt, a cycle) fails the invocation rather than reaching the gateway.
 */
function asLambdaReturnsIt(result: unknown): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(result);
  } catch (error) {
    const marshal = new Error(`Unable to stringify the handler's result: ${error instanceof Error ? error.message : String(error)}`);
    marshal.name = 'Runtime.MarshalError';
    throw marshal;
  }
  return json === undefined ? undefined : JSON.parse(json);
}

function post(message: WorkerMessage): void {
  port?.postMessage(message);
}
