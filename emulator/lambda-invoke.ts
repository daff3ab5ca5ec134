/**
 * Calling a Lambda handler as the Node.js runtime does, shared by the Node emulator's worker threads
 * (lambda-worker.ts) and the in-page runtime (in-page-lambda.ts): the context object, async and
 * callback-style handlers, the JSON round trip of the result, and the errors an invocation ends in.
 * No Node imports.
 */

/** The handler threw or rejected; `name` and `message` are the handler's own. */
export class HandlerError extends Error {
  constructor(name: string, message: string, stack?: string) {
    super(message);
    this.name = name;
    if (stack) this.stack = stack;
  }
}

/** The function ran past its configured timeout and was stopped. */
export class FunctionTimeoutError extends Error {
  override name = 'FunctionTimeoutError';
}

export type Handler = (event: unknown, context: unknown, callback?: (error: unknown, result?: unknown) => void) => unknown;

export interface InvocationFacts {
  requestId: string;
  functionName: string;
  memorySize: number;
  timeoutMs: number;
}

/** The `context` argument, with `getRemainingTimeInMillis()` counting down from the function's timeout. */
export function lambdaContext({ requestId, functionName, memorySize, timeoutMs }: InvocationFacts): Record<string, unknown> {
  const deadline = Date.now() + timeoutMs;
  return {
    awsRequestId: requestId,
    functionName,
    functionVersion: '$LATEST',
    memoryLimitInMB: String(memorySize),
    logGroupName: `/aws/lambda/${functionName}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** Finds the exported handler the way the runtime does, CommonJS modules included. */
export function exportedHandler(module: Record<string, unknown>, handlerExport: string, moduleName: string): Handler {
  // A CommonJS module arrives as `default` = its `module.exports`, whose names Node may also copy out
  // beside it; `exports.default = fn` (handler `file.default`) is then module.default.default.
  const fromExports = (module.default as Record<string, unknown> | undefined)?.[handlerExport];
  const exported = typeof module[handlerExport] === 'function' ? module[handlerExport] : fromExports;
  if (typeof exported !== 'function') throw new Error(`${moduleName} does not export a function named "${handlerExport}"`);
  return exported as Handler;
}

/**
 * Runs the handler, async or in the older callback style `(event, context, callback)`, and returns
 * what Lambda would hand on. A callback's result waits for `untilEventLoopEmpty` unless the handler
 * set `context.callbackWaitsForEmptyEventLoop = false` (the Node runtime provides it; in-page there is none).
 */
export async function callHandler(handler: Handler, event: unknown, context: unknown, untilEventLoopEmpty?: () => Promise<void>): Promise<unknown> {
  const result = handler.length < 3
    ? await handler(event, context)
    : await new Promise((resolve, reject) => {
        // The first of the callback and a returned promise decides the result, as in Lambda's runtime;
        // a callback's result is then held until the event loop is empty.
        let decided = false;
        const settle = (error: unknown, value?: unknown) => {
          if (decided) return;
          decided = true;
          const done = () => (error ? reject(error) : resolve(value));
          const waits = untilEventLoopEmpty && (context as { callbackWaitsForEmptyEventLoop?: boolean }).callbackWaitsForEmptyEventLoop !== false;
          if (waits) void untilEventLoopEmpty().then(done);
          else done();
        };
        const returned = handler(event, context, settle);
        if (returned instanceof Promise) {
          returned.then(
            (value) => {
              if (!decided) {
                decided = true;
                resolve(value);
              }
            },
            (error: unknown) => {
              if (!decided) {
                decided = true;
                reject(error);
              }
            },
          );
        }
      });
  return asLambdaReturnsIt(result);
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

/** The timeout message Lambda writes, for a function's configured seconds. */
export function timeoutMessage(timeoutSeconds: number): string {
  return `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}
