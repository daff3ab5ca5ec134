/**
 * The Lambda runtime of the in-page emulator: a function's handler module, loaded on its first
 * invocation (a cold start) and kept for the next ones, called with the event and a context as the
 * Node.js runtime calls it (lambda-invoke.ts). No Node imports.
 *
 * What it cannot imitate: a page has one JavaScript realm per worker, so the functions of one service
 * share a module scope (an SDK client made at module level is one object for all of them, where AWS
 * gives each function's environments their own); and a handler that runs past its timeout fails the
 * invocation on time, but its code cannot be stopped, so its later side effects still happen.
 */
import { callHandler, exportedHandler, FunctionTimeoutError, lambdaContext, timeoutMessage, type Handler } from './lambda-invoke.ts';

export interface InPageFunctionDefinition {
  name: string;
  handlerExport: string;
  timeoutSeconds: number;
  memorySize: number;
  /** Imports the handler's module: the bundler's `import()` of it. */
  load: () => Promise<Record<string, unknown>>;
}

export type InPageInvoke = (event: unknown, requestId: string) => Promise<unknown>;

export function inPageFunction(definition: InPageFunctionDefinition): InPageInvoke {
  let handler: Promise<Handler> | undefined;
  // A module that failed to load is tried again on the next invocation, as Lambda starts a new environment.
  const loadHandler = (): Promise<Handler> =>
    (handler ??= definition.load().then(
      (module) => exportedHandler(module, definition.handlerExport, definition.name),
      (error: unknown) => {
        handler = undefined;
        throw error;
      },
    ));

  return async (event, requestId) => {
    const loaded = await loadHandler();
    const timeoutMs = definition.timeoutSeconds * 1000;
    const context = lambdaContext({ requestId, functionName: definition.name, memorySize: definition.memorySize, timeoutMs });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionTimeoutError(timeoutMessage(definition.timeoutSeconds))), timeoutMs);
    });
    try {
      return await Promise.race([callHandler(loaded, event, context), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
}
