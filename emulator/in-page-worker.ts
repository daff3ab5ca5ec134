/**
 * The in-page emulator's Web Worker: starts one service (in-page-stack.ts) and serves every port a
 * page attaches (in-page-port-host.ts). The bundle's entry (in-page-bundle.ts) calls it with the
 * service read from serverless.yml and the bundled handler modules. If the service cannot start,
 * each port is told why, so that the page can say so instead of waiting.
 */
import type { AttachPort, PortLike, PortReply, PortRequest } from './in-page-port-protocol.ts';
import { servePort } from './in-page-port-host.ts';
import { useInPageServices } from './in-page-sdk-defaults.ts';
import { startInPageStack, type HandlerLoaders, type InPageServiceDescription } from './in-page-stack.ts';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<AttachPort>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

export function runInPageWorker(description: InPageServiceDescription, loaders: HandlerLoaders): void {
  const stack = startInPageStack(description, loaders, (line) => console.debug(`[in-page ${description.service}] ${line}`)).then((running) => {
    useInPageServices({ dynamoDb: running.dynamoDb, server: running.server, host: description.host, apiId: description.apiId });
    return running;
  });
  const scope = globalThis as unknown as WorkerScope;
  // A handler's stray exception (thrown from a timer, outside any invocation) would reach the page
  // as the worker's `error` event, which the page takes for a worker that failed to load. On Lambda
  // it would end that one environment; here it is logged, and the emulator goes on serving.
  scope.addEventListener('error', (event) => {
    event.preventDefault();
    console.error(`[in-page ${description.service}] uncaught: ${event.message}`);
  });
  scope.addEventListener('message', ({ data }) => {
    if (data?.type !== 'attach') return;
    const port = data.port as unknown as PortLike<PortRequest, PortReply>;
    stack.then(
      (running) => servePort(running.server, port),
      (error: unknown) => port.postMessage({ type: 'failed', message: `The in-page emulator did not start: ${error instanceof Error ? error.message : String(error)}` }),
    );
  });
}
