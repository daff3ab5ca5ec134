/**
 * The page side of the notebook kernel: one Web Worker per page (notebook-worker.ts) that runs the
 * cells' code in one shared global scope, so `ws` from one cell is there in the next. The cells
 * and the notebook toolbar share it through `notebookKernel()`, the way widgets share a
 * connection. Only text comes back from the worker; nothing it sends is ever evaluated here.
 */
import {
  isKernelReply,
  type KernelReply,
  type KernelRequest,
  type OutputKind,
  type StopReason,
} from './notebook-protocol.ts';
import { inPagePort, isInPageEndpoint } from './in-page-emulator.ts';

/** off: no worker yet (nothing has run since the page loaded or the last restart); busy: a cell's code is running. */
export type KernelStatus = 'off' | 'idle' | 'busy';

export interface OutputDetail {
  cellId: string;
  kind: OutputKind;
  text: string;
  at: Date;
  /** Set when the error has a known cause the page can explain in the reader's language. */
  hint?: 'top-level-await';
}

export interface ResourcesDetail {
  cellId: string;
  timers: number;
  sockets: number;
}

export interface StoppedDetail extends ResourcesDetail {
  reason: StopReason;
}

export interface SocketFailedDetail {
  cellId: string;
  url: string;
  code: number;
  at: Date;
}

export interface KernelEventMap {
  output: CustomEvent<OutputDetail>;
  resources: CustomEvent<ResourcesDetail>;
  stopped: CustomEvent<StoppedDetail>;
  'socket-failed': CustomEvent<SocketFailedDetail>;
  status: CustomEvent<KernelStatus>;
  /** The worker was replaced: every variable, timer and socket is gone. `interrupted`: a cell never finished, so Stop had to restart. */
  restart: CustomEvent<{ interrupted: boolean }>;
  /** The worker could not start or crashed. */
  failure: CustomEvent<{ message: string }>;
}

type Listener<K extends keyof KernelEventMap> = (event: KernelEventMap[K]) => void;

// Declaration merging gives addEventListener typed events; it emits no code.
export interface NotebookKernel {
  addEventListener<K extends keyof KernelEventMap>(
    type: K,
    listener: Listener<K>,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

/** How long Stop waits for a running cell to finish before it restarts the worker to end it (`while (true) {}`). */
const interruptAfterMs = 1000;

export class NotebookKernel extends EventTarget {
  #worker: Worker | null = null;
  #nextRunId = 1;
  /** Runs sent to the worker whose `done` has not come back, with what resolves their promise. */
  #pending = new Map<number, (ok: boolean) => void>();
  /** In-page emulator hosts the current worker has a port to. */
  #inPageHosts = new Set<string>();
  #status: KernelStatus = 'off';
  #interruptTimer: ReturnType<typeof setTimeout> | undefined;

  get status(): KernelStatus {
    return this.#status;
  }

  /** Runs a cell's code; resolves when its synchronous part has finished (true) or failed (false). Its timers and sockets live on. */
  run(cellId: string, code: string, endpoint: string): Promise<boolean> {
    let worker: Worker;
    try {
      worker = this.#ensureWorker();
    } catch (error) {
      // A browser that refuses module workers (or a policy that forbids them) gets a message, not an exception.
      this.#dispatch('failure', { message: error instanceof Error ? error.message : String(error) });
      return Promise.resolve(false);
    }
    this.#offerInPagePort(worker, endpoint);
    const runId = this.#nextRunId++;
    const done = new Promise<boolean>((resolve) => this.#pending.set(runId, resolve));
    this.#send(worker, { type: 'run', runId, cellId, code, endpoint });
    this.#setStatus('busy');
    return done;
  }

  /** Ends the timers and sockets one cell (or, with null, every cell) started. A cell stuck in a loop is ended by restarting. */
  stop(cellId: string | null, reason: StopReason = 'stop'): void {
    const worker = this.#worker;
    if (worker === null) return;
    this.#send(worker, { type: 'stop', cellId, reason });
    // A cell that never returns holds the worker's only thread, so the stop message cannot be read.
    if (reason === 'stop' && this.#pending.size > 0 && this.#interruptTimer === undefined) {
      this.#interruptTimer = setTimeout(() => {
        this.#interruptTimer = undefined;
        if (this.#pending.size > 0) this.restart(true);
      }, interruptAfterMs);
    }
  }

  /** Ends the worker and everything in it (variables, timers, sockets) and starts a fresh one. */
  restart(interrupted = false): void {
    this.#terminate();
    this.#ensureWorker();
    this.#setStatus('idle');
    this.#dispatch('restart', { interrupted });
  }

  /** Ends the worker without starting another, when the page goes away. */
  shutdown(): void {
    this.#terminate();
    this.#setStatus('off');
  }

  #terminate(): void {
    clearTimeout(this.#interruptTimer);
    this.#interruptTimer = undefined;
    this.#worker?.terminate();
    this.#worker = null;
    this.#inPageHosts.clear();
    for (const resolve of this.#pending.values()) resolve(false);
    this.#pending.clear();
  }

  /** Before a cell first uses an in-page endpoint, the worker gets its own port to that service. */
  #offerInPagePort(worker: Worker, endpoint: string): void {
    if (!isInPageEndpoint(endpoint)) return;
    const host = new URL(endpoint).hostname;
    if (this.#inPageHosts.has(host)) return;
    this.#inPageHosts.add(host);
    const port = inPagePort(endpoint);
    worker.postMessage({ type: 'in-page-port', host, port } satisfies KernelRequest, [port]);
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    // Vite bundles the worker module and its imports into a file of its own.
    const worker = new Worker(new URL('./notebook-worker.ts', import.meta.url), {
      type: 'module',
      name: 'notebook-kernel',
    });
    worker.addEventListener('message', (event) => {
      if (worker === this.#worker && isKernelReply(event.data)) this.#receive(event.data);
    });
    worker.addEventListener('error', (event) => {
      if (worker !== this.#worker) return;
      event.preventDefault();
      this.#terminate();
      this.#setStatus('off');
      this.#dispatch('failure', { message: event.message || 'The notebook kernel could not start.' });
    });
    this.#worker = worker;
    this.#setStatus('idle');
    return worker;
  }

  #receive(reply: KernelReply): void {
    switch (reply.type) {
      case 'ready':
        return;
      case 'output': {
        const { cellId, kind, text, at, hint } = reply;
        this.#dispatch('output', { cellId, kind, text, at: new Date(at), ...(hint ? { hint } : {}) });
        return;
      }
      case 'done': {
        this.#pending.get(reply.runId)?.(reply.ok);
        this.#pending.delete(reply.runId);
        if (this.#pending.size === 0) this.#setStatus('idle');
        return;
      }
      case 'resources':
        this.#dispatch('resources', { cellId: reply.cellId, timers: reply.timers, sockets: reply.sockets });
        return;
      case 'stopped':
        this.#dispatch('stopped', {
          cellId: reply.cellId,
          timers: reply.timers,
          sockets: reply.sockets,
          reason: reply.reason,
        });
        return;
      case 'socket-failed':
        this.#dispatch('socket-failed', {
          cellId: reply.cellId,
          url: reply.url,
          code: reply.code,
          at: new Date(reply.at),
        });
        return;
    }
  }

  #send(worker: Worker, request: KernelRequest): void {
    worker.postMessage(request);
  }

  #setStatus(status: KernelStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#dispatch('status', status);
  }

  #dispatch<K extends keyof KernelEventMap>(type: K, detail: KernelEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

let pageKernel: NotebookKernel | null = null;

/** The page's one kernel, shared by every notebook cell on it. */
export function notebookKernel(): NotebookKernel {
  pageKernel ??= new NotebookKernel();
  return pageKernel;
}
