/**
 * The in-page emulator, from the page's side: the sample backend (and the authentication lesson's
 * API) running in a Web Worker of this tab, reached at `ws://sample.in-page/local` and
 * `ws://auth.in-page/local`. Hosts ending in `.in-page` exist nowhere on the network, so an endpoint
 * is in-page by its name alone. Each service's worker (built by emulator/in-page-bundle.ts, about
 * 200 KB gzipped) starts the first time something asks for it, never with the page.
 */
import { CONNECTION_TIME_SCALE_PARAMETER, MAX_CONNECTION_TIME_SCALE } from '../../emulator/connection-time-scale.ts';
import { InPagePortClient } from '../../emulator/in-page-port-client.ts';
import { EMULATOR_DEFAULTS } from '../../emulator/options.ts';
import type { EmulatorStatus } from './endpoint.ts';
import type { PortLike, PortReply, PortRequest } from '../../emulator/in-page-port-protocol.ts';

/** The services the site's build puts in `/_in-page/` (see site/integrations/in-page-emulator.ts), by host. */
export const IN_PAGE_SERVICES = { 'sample.in-page': 'sample', 'auth.in-page': 'auth' } as const;

export const IN_PAGE_ENDPOINT = 'ws://sample.in-page/local';
export const IN_PAGE_AUTH_ENDPOINT = 'ws://auth.in-page/local';

type ServiceName = (typeof IN_PAGE_SERVICES)[keyof typeof IN_PAGE_SERVICES];

interface RunningService {
  worker: Worker;
  client: InPagePortClient;
}

const running = new Map<ServiceName, RunningService>();

/** The worker's file in `/_in-page/`: named with a hash of its content in a build (set by the integration), plain under `astro dev`. */
function workerFile(name: ServiceName): string {
  return (typeof __IN_PAGE_FILES__ === 'undefined' ? undefined : __IN_PAGE_FILES__[name]) ?? `${name}.js`;
}

/** Whether the endpoint (ws:// or http:// form) is one of the in-page emulator's. */
export function isInPageEndpoint(endpoint: string | null | undefined): boolean {
  return serviceOf(endpoint) !== undefined;
}

function serviceOf(endpoint: string | null | undefined): ServiceName | undefined {
  if (!endpoint) return undefined;
  try {
    return (IN_PAGE_SERVICES as Record<string, ServiceName>)[new URL(endpoint).hostname];
  } catch {
    return undefined;
  }
}

/** The page's client of the service at this in-page endpoint, starting its worker on first use. */
export function inPageClient(endpoint: string): InPagePortClient {
  const name = serviceOf(endpoint);
  if (!name) throw new Error(`${endpoint} is not an in-page endpoint`);
  let service = running.get(name);
  if (!service) {
    const worker = new Worker(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}_in-page/${workerFile(name)}`, { type: 'module', name: `in-page emulator: ${name}` });
    const client = new InPagePortClient(attach(worker));
    // A worker that fails to load (a missing file, a blocked script) fails every call from now on,
    // quickly and without fetching it again; the widgets then say that nothing answered, and the
    // console says why. Reloading the page tries again.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const reason = `The in-page emulator's worker (${name}) did not load${event.message ? `: ${event.message}` : ''}`;
      client.fail(reason);
      console.error(reason);
    });
    service = { worker, client };
    running.set(name, service);
  }
  return service.client;
}

/** Another port to the same service, for a notebook's worker: transfer it there and make an InPagePortClient of it. */
export function inPagePort(endpoint: string): MessagePort {
  const name = serviceOf(endpoint);
  if (!name) throw new Error(`${endpoint} is not an in-page endpoint`);
  inPageClient(endpoint);
  return attachRaw(running.get(name)!.worker);
}

function attach(worker: Worker): PortLike<PortReply, PortRequest> {
  return attachRaw(worker) as unknown as PortLike<PortReply, PortRequest>;
}

function attachRaw(worker: Worker): MessagePort {
  const channel = new MessageChannel();
  worker.postMessage({ type: 'attach', port: channel.port2 }, [channel.port2]);
  return channel.port1;
}

/**
 * What the in-page emulator will say of its timers once started, known without starting it (its
 * settings are the gateway's defaults): a widget that offers time-warp can offer it before the
 * reader's first connection downloads the emulator. `routes` is left empty; ask the running emulator.
 */
export function inPageTimerStatus(endpoint: string): EmulatorStatus {
  const url = new URL(endpoint);
  return {
    emulator: 'apigw-websocket-emulator',
    stage: EMULATOR_DEFAULTS.stage,
    webSocketUrl: `ws://${url.host}/${EMULATOR_DEFAULTS.stage}`,
    managementUrl: `https://${url.host}/${EMULATOR_DEFAULTS.stage}/@connections`,
    routes: [],
    routeSelectionExpression: EMULATOR_DEFAULTS.routeSelectionExpression,
    timeScale: EMULATOR_DEFAULTS.timeScale,
    idleTimeoutMs: EMULATOR_DEFAULTS.idleTimeoutMs,
    maxConnectionMs: EMULATOR_DEFAULTS.maxConnectionMs,
    pingResetsIdleTimer: EMULATOR_DEFAULTS.pingResetsIdleTimer,
    connectionTimeScaleParameter: CONNECTION_TIME_SCALE_PARAMETER,
    maxConnectionTimeScale: MAX_CONNECTION_TIME_SCALE,
  };
}
