/**
 * The notebook kernel's worker: runs the cells' code in one global scope shared by every cell on
 * the page, off the page itself (a worker has no DOM, so a cell cannot touch the lesson). It
 * tracks the timers and sockets each cell starts so that Stop can end them, and sends back every
 * logged value, result and error as text.
 */
import { formatError, formatLogArguments, formatResult, formatValue } from './notebook-format.ts';
import type { KernelReply, KernelRequest, OutputKind, StopReason } from './notebook-protocol.ts';
import { rewriteTopLevelDeclarations } from './notebook-rewrite.ts';
import { InPagePortClient } from '../../emulator/in-page-port-client.ts';
import { InPageWebSocket } from '../../emulator/in-page-websocket.ts';

/** The parts of DedicatedWorkerGlobalScope used here (the project's TypeScript lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: KernelReply): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
}

// Captured before the cells' globals (setTimeout, WebSocket, console) are replaced below.
const scope = globalThis as unknown as WorkerScope;
const post = scope.postMessage.bind(scope);
const listen = scope.addEventListener.bind(scope);
// Typed as the browser's (the project also loads Node's types, where timers return objects).
type NativeTimer = (callback: () => void, delay?: number) => number;
const nativeSetTimeout = globalThis.setTimeout.bind(globalThis) as unknown as NativeTimer;
const nativeSetInterval = globalThis.setInterval.bind(globalThis) as unknown as NativeTimer;
const nativeClearTimeout = globalThis.clearTimeout.bind(globalThis) as unknown as (id: number) => void;
const NativeWebSocket = globalThis.WebSocket;
const nativeAddEventListener = EventTarget.prototype.addEventListener;
const nativeRemoveEventListener = EventTarget.prototype.removeEventListener;
// Indirect eval runs code as a global script, so `var` and function declarations stay for the next cell.
const indirectEval = globalThis.eval;

interface CellResources {
  timers: Set<number>;
  sockets: Set<WebSocket>;
}

const resources = new Map<string, CellResources>();
/** The cell whose code is running right now: its run, or a callback it registered. */
let currentCell: string | null = null;
/** The cell run last; output that cannot be traced to a cell (a promise continuation) goes there. */
let lastCell = '';

function owner(): string {
  return currentCell ?? lastCell;
}

function resourcesOf(cellId: string): CellResources {
  let found = resources.get(cellId);
  if (!found) {
    found = { timers: new Set(), sockets: new Set() };
    resources.set(cellId, found);
  }
  return found;
}

function reportResources(cellId: string): void {
  const { timers, sockets } = resourcesOf(cellId);
  post({ type: 'resources', cellId, timers: timers.size, sockets: sockets.size });
}

function emit(cellId: string, kind: OutputKind, text: string, hint?: 'top-level-await'): void {
  post({ type: 'output', cellId, kind, text, at: Date.now(), ...(hint ? { hint } : {}) });
}

/** Runs a callback as the given cell: its output goes to that cell, and an error it throws is shown there instead of lost. */
function asCell<Args extends unknown[]>(cellId: string, callback: (...args: Args) => unknown, ...args: Args): void {
  const outer = currentCell;
  currentCell = cellId;
  try {
    callback(...args);
  } catch (error) {
    emit(cellId, 'error', `Uncaught ${formatError(error)}`);
  } finally {
    currentCell = outer;
  }
}

function asFunction(handler: TimerHandler): (...args: unknown[]) => unknown {
  return typeof handler === 'function'
    ? (handler as (...args: unknown[]) => unknown)
    : () => indirectEval(String(handler));
}

// Timers: the same functions as usual, remembered per cell so that Stop can clear them.
const notebookSetTimeout = (handler: TimerHandler, delay?: number, ...args: unknown[]): number => {
  const cellId = owner();
  const callback = asFunction(handler);
  const id = nativeSetTimeout(() => {
    resourcesOf(cellId).timers.delete(id);
    reportResources(cellId);
    asCell(cellId, callback, ...args);
  }, delay);
  resourcesOf(cellId).timers.add(id);
  reportResources(cellId);
  return id;
};
const notebookSetInterval = (handler: TimerHandler, delay?: number, ...args: unknown[]): number => {
  const cellId = owner();
  const callback = asFunction(handler);
  const id = nativeSetInterval(() => asCell(cellId, callback, ...args), delay);
  resourcesOf(cellId).timers.add(id);
  reportResources(cellId);
  return id;
};
// Timeouts and intervals share one pool of ids, and either clear function clears either kind.
const notebookClearTimer = (id?: number): void => {
  if (id === undefined) return;
  nativeClearTimeout(id);
  for (const [cellId, { timers }] of resources) {
    if (timers.delete(id)) reportResources(cellId);
  }
};

// WebSocket: a real browser WebSocket (or, for the in-page emulator's hosts, its stand-in, over a
// port the page sent) that remembers which cell opened it, and whose event handlers run as the cell
// that set them, so `ws.onmessage` set in cell 2 logs into cell 2.

type SocketClass = new (url: string | URL, protocols?: string | string[]) => WebSocket;

/** Sockets whose close() was called (by a cell or by Stop): closing before open is then no failure. */
const closeRequested = new WeakSet<WebSocket>();
/** Per socket: the `on…` handlers the cells set, by event type. */
const socketHandlers = new WeakMap<WebSocket, Map<string, Function>>();
/** Per socket: each listener a cell added, by event type, and the wrapper actually registered. */
const socketListeners = new WeakMap<WebSocket, Map<string, Map<EventListenerOrEventListenerObject, EventListener>>>();
/** Per socket: its class's own close(), which Stop calls even if a cell replaced `ws.close`. */
const baseClose = new WeakMap<WebSocket, (code?: number, reason?: string) => void>();

function wrapListener(listener: EventListenerOrEventListenerObject, cellId: string, target: WebSocket): EventListener {
  return (event) =>
    asCell(cellId, () => (typeof listener === 'function' ? listener.call(target, event) : listener.handleEvent(event)));
}

/** `Base` (the browser's WebSocket, or an in-page one) with the notebook's bookkeeping. */
function notebookSocketClass(Base: SocketClass): SocketClass {
  class NotebookSocket extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const cellId = owner();
      const socketUrl = this.url;
      let opened = false;
      baseClose.set(this, Base.prototype.close);
      resourcesOf(cellId).sockets.add(this);
      reportResources(cellId);
      nativeAddEventListener.call(this, 'open', () => {
        opened = true;
      });
      nativeAddEventListener.call(this, 'close', (event) => {
        resourcesOf(cellId).sockets.delete(this);
        reportResources(cellId);
        // DevTools says when a connection fails; so does the notebook, in the cell that opened it.
        if (!opened && !closeRequested.has(this)) {
          post({ type: 'socket-failed', cellId, url: socketUrl, code: (event as CloseEvent).code, at: Date.now() });
        }
      });
    }

    override close(code?: number, reason?: string): void {
      closeRequested.add(this);
      super.close(code, reason);
    }

    override addEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ): void {
      if (listener === null) return;
      let byType = socketListeners.get(this);
      if (!byType) {
        byType = new Map();
        socketListeners.set(this, byType);
      }
      let wrappers = byType.get(type);
      if (!wrappers) {
        wrappers = new Map();
        byType.set(type, wrappers);
      }
      const wrapped = wrappers.get(listener) ?? wrapListener(listener, owner(), this);
      wrappers.set(listener, wrapped);
      nativeAddEventListener.call(this, type, wrapped, options);
    }

    override removeEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | EventListenerOptions,
    ): void {
      if (listener === null) return;
      const wrappers = socketListeners.get(this)?.get(type);
      nativeRemoveEventListener.call(this, type, wrappers?.get(listener) ?? listener, options);
      wrappers?.delete(listener);
    }
  }

  for (const type of ['open', 'message', 'error', 'close']) {
    const baseHandler = inheritedDescriptor(Base.prototype, `on${type}`);
    Object.defineProperty(NotebookSocket.prototype, `on${type}`, {
      configurable: true,
      enumerable: true,
      get(this: WebSocket) {
        return socketHandlers.get(this)?.get(type) ?? null;
      },
      set(this: WebSocket, handler: unknown) {
        let handlers = socketHandlers.get(this);
        if (!handlers) {
          handlers = new Map();
          socketHandlers.set(this, handlers);
        }
        // As with a plain WebSocket, anything but a function clears the handler.
        if (typeof handler === 'function') {
          handlers.set(type, handler);
          baseHandler?.set?.call(this, wrapListener(handler as EventListener, owner(), this));
        } else {
          handlers.delete(type);
          baseHandler?.set?.call(this, null);
        }
      },
    });
  }
  return NotebookSocket;
}

/** A property's descriptor where the prototype chain defines it (a subclass's prototype has none of its own). */
function inheritedDescriptor(prototype: object | null, name: string): PropertyDescriptor | undefined {
  for (let at = prototype; at !== null; at = Object.getPrototypeOf(at)) {
    const descriptor = Object.getOwnPropertyDescriptor(at, name);
    if (descriptor) return descriptor;
  }
  return undefined;
}

const BrowserSocket = notebookSocketClass(NativeWebSocket);
/** In-page emulator hosts (`sample.in-page`) → their socket class, once the page has sent a port. */
const inPageSockets = new Map<string, SocketClass>();

function attachInPage(host: string, port: MessagePort): void {
  const client = new InPagePortClient(port as unknown as ConstructorParameters<typeof InPagePortClient>[0]);
  class CellInPageWebSocket extends InPageWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(client, url, protocols);
    }
  }
  inPageSockets.set(host, notebookSocketClass(CellInPageWebSocket as unknown as SocketClass));
}

function inPageSocketFor(url: string | URL): SocketClass | undefined {
  try {
    return inPageSockets.get(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

/** The cells' `WebSocket`: `new WebSocket(url)` makes the kind of socket the URL needs. */
class NotebookWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  constructor(url: string | URL, protocols?: string | string[]) {
    const Socket = inPageSocketFor(url) ?? BrowserSocket;
    // A constructor may return another object: the cell gets that socket.
    return new Socket(url, protocols) as unknown as NotebookWebSocket;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof BrowserSocket || [...inPageSockets.values()].some((Socket) => value instanceof Socket);
  }
}
Object.defineProperty(NotebookWebSocket, 'name', { value: 'WebSocket' });

// console: every call becomes a line of the cell's output.
const timeLabels = new Map<string, number>();
const notebookConsole = {
  log: (...args: unknown[]) => emit(owner(), 'log', formatLogArguments(args)),
  info: (...args: unknown[]) => emit(owner(), 'log', formatLogArguments(args)),
  debug: (...args: unknown[]) => emit(owner(), 'log', formatLogArguments(args)),
  trace: (...args: unknown[]) => emit(owner(), 'log', formatLogArguments(args)),
  warn: (...args: unknown[]) => emit(owner(), 'warn', formatLogArguments(args)),
  error: (...args: unknown[]) => emit(owner(), 'error', formatLogArguments(args)),
  dir: (value: unknown) => emit(owner(), 'log', formatValue(value)),
  table: (value: unknown) => emit(owner(), 'log', formatValue(value)),
  assert: (condition: unknown, ...args: unknown[]) => {
    if (!condition) emit(owner(), 'error', formatLogArguments(['Assertion failed:', ...args]));
  },
  time: (label = 'default') => void timeLabels.set(String(label), performance.now()),
  timeEnd: (label = 'default') => {
    const started = timeLabels.get(String(label));
    timeLabels.delete(String(label));
    emit(
      owner(),
      started === undefined ? 'warn' : 'log',
      started === undefined
        ? `Timer '${label}' does not exist`
        : `${label}: ${(performance.now() - started).toFixed(1)} ms`,
    );
  },
  clear: () => {},
};

/** Sets a global the cells see, as a plain writable property they may also replace. */
function defineGlobal(name: string, value: unknown): void {
  try {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  } catch {
    // A property the browser will not let go of keeps its usual meaning.
  }
}

defineGlobal('setTimeout', notebookSetTimeout);
defineGlobal('setInterval', notebookSetInterval);
defineGlobal('clearTimeout', notebookClearTimer);
defineGlobal('clearInterval', notebookClearTimer);
defineGlobal('WebSocket', NotebookWebSocket);
defineGlobal('console', notebookConsole);
// A cell's top-level `const name = …` becomes a global variable; these worker properties would
// otherwise swallow the assignment (read-only) or turn it into the worker's own event handler.
for (const name of [
  'name',
  'location',
  'navigator',
  'onmessage',
  'onmessageerror',
  'onerror',
  'onunhandledrejection',
  'onrejectionhandled',
  'onlanguagechange',
  'onoffline',
  'ononline',
]) {
  defineGlobal(name, undefined);
}
// `close()` typed for `ws.close()` would end the worker and silently lose every variable.
defineGlobal('close', () => {
  throw new TypeError(
    'close() would shut down the notebook kernel. Did you mean ws.close()? (Restart kernel clears everything.)',
  );
});

/** Ends a cell's timers and sockets and says how many there were. */
function stop(cellId: string, reason: StopReason): void {
  const { timers, sockets } = resourcesOf(cellId);
  const counts = { timers: timers.size, sockets: sockets.size };
  for (const id of timers) nativeClearTimeout(id);
  timers.clear();
  for (const socket of sockets) {
    closeRequested.add(socket);
    baseClose.get(socket)?.call(socket, 1000);
  }
  // Each socket leaves its set when its close event arrives; until then it still counts as open.
  post({ type: 'stopped', cellId, ...counts, reason });
  reportResources(cellId);
}

function run(request: Extract<KernelRequest, { type: 'run' }>): void {
  const { runId, cellId, code, endpoint } = request;
  lastCell = cellId;
  defineGlobal('ENDPOINT', endpoint);
  currentCell = cellId;
  let ok = true;
  try {
    const value: unknown = indirectEval(rewriteTopLevelDeclarations(code));
    // Like a notebook (not the console), a cell whose last statement has no value shows nothing.
    if (value !== undefined) emit(cellId, 'result', formatResult(value));
    if (value instanceof Promise) {
      value.then(
        (settled: unknown) => emit(cellId, 'result', `Promise resolved: ${formatResult(settled)}`),
        (error: unknown) => emit(cellId, 'error', `Uncaught (in promise) ${formatError(error)}`),
      );
    }
  } catch (error) {
    ok = false;
    const awaitProblem = error instanceof SyntaxError && /\bawait\b/.test(error.message);
    emit(cellId, 'error', formatError(error), awaitProblem ? 'top-level-await' : undefined);
  } finally {
    currentCell = null;
  }
  post({ type: 'done', runId, cellId, ok });
}

listen('message', (event) => {
  const request = (event as MessageEvent<KernelRequest>).data;
  if (request.type === 'run') run(request);
  else if (request.type === 'in-page-port') attachInPage(request.host, request.port);
  else if (request.type === 'stop') {
    const cells = request.cellId === null ? [...resources.keys()] : [request.cellId];
    for (const cellId of cells) stop(cellId, request.reason);
  }
});

// Errors nothing caught, from code that runs outside a cell's own callbacks (promise continuations).
listen('unhandledrejection', (event) => {
  event.preventDefault();
  emit(lastCell, 'error', `Uncaught (in promise) ${formatError((event as PromiseRejectionEvent).reason)}`);
});
listen('error', (event) => {
  event.preventDefault();
  emit(lastCell, 'error', (event as ErrorEvent).message);
});

post({ type: 'ready' });
