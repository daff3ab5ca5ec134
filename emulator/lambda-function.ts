/**
 * One Lambda function. Each invocation runs in an execution environment of its own: a worker thread
 * with a separate module scope, so a value one function keeps in memory is invisible to another, as
 * on AWS. An environment starts on demand (a cold start), serves one invocation at a time, stays warm
 * for the next, and is thrown away when it times out, crashes, or its code changes on disk. Cold starts
 * happen one at a time per function, so a burst of invocations ramps environments up instead of
 * starting ten isolates at once; after the burst, spare environments left idle are stopped.
 *
 * When every environment is busy, another starts only if waiting would likely take longer than
 * starting it: when the queue, drained at the function's recent pace, would keep its newest
 * invocation waiting longer than the last cold start took, or when no invocation has finished for that
 * long (a handler that awaits for long, or hangs). AWS starts one at once, on hardware of its own; on
 * a laptop another isolate takes CPU from the ones running, and for handlers of a few milliseconds
 * waiting costs less (measured with the sample's `$connect`, 64 handshakes in flight on 2 cores:
 * 0.83 ms of worker CPU per invocation with one environment, 1.9 ms each with ten), and fewer
 * environments hold less memory.
 * Two invocations never share an environment at the same time.
 */
import { Worker } from 'node:worker_threads';
import { COLLECT_GARBAGE, type InvokeMessage, type WorkerData, type WorkerMessage } from './lambda-messages.ts';
import type { DirectPorts } from './direct-sdk-transport.ts';
import type { LocalEndpoints } from './local-redirects.ts';
import { FREEZER_BYTES, requestCollection, thawForInvocation } from './environment-freeze.ts';
import { HandlerBundle, type BundleSettings } from './handler-bundle.ts';
import { FunctionTimeoutError, HandlerError, timeoutMessage } from './lambda-invoke.ts';
import { runtimeSdkFor, type RuntimeSdk } from './runtime-sdk.ts';

export { FunctionTimeoutError, HandlerError } from './lambda-invoke.ts';

export interface FunctionDefinition {
  /** The deployed name, e.g. `apigw-websocket-tutorial-local-connect`. */
  name: string;
  /** Absolute path of the handler's module file. */
  handlerModule: string;
  /** The exported function, e.g. `handler`. */
  handlerExport: string;
  /** Variables the function sees in `process.env`, on top of what Lambda itself sets. */
  environment: Record<string, string>;
  /** `nodejs12.x` … `nodejs24.x`: decides which AWS SDK the runtime provides. */
  runtime: string;
  timeoutSeconds: number;
  memorySize: number;
  /** Bundle the TypeScript handler with esbuild before loading it (handler-bundle.ts), as the project's bundling plugin would. */
  bundle?: BundleSettings;
}

export interface FunctionLog {
  functionName: string;
  requestId: string | undefined;
  level: string;
  text: string;
}

export interface LambdaFunctionOptions {
  /**
   * The local stand-ins the worker redirects this API's AWS endpoints to. Read when an environment
   * starts, so the emulator may bind its port after the function exists.
   */
  localEndpoints: () => LocalEndpoints;
  onLog: (log: FunctionLog) => void;
  /**
   * Opens the ports a new environment's SDK calls take instead of sockets (direct-sdk-transport.ts);
   * `close` runs when the environment ends. Without it, those calls go over HTTP on loopback.
   */
  openDirectPorts?: () => { forWorker: DirectPorts; close(): void };
  /** Environments running at once before further invocations wait. Default 10. */
  maxConcurrency?: number;
  /**
   * An environment other than the last one left that has had no invocation for this long is stopped,
   * giving its memory (35 MB and more) back after a burst. Lambda stops idle environments too, after a
   * while it does not publish. Default 60 s.
   */
  spareEnvironmentIdleMs?: number;
  /**
   * The function's last environment is stopped too once it has had no invocation for this long, so an
   * emulator left open beside an editor gives back all of its Lambda memory; the next invocation is a
   * cold start again, as it is on AWS after an idle spell (whose length AWS does not publish).
   * Default 5 minutes; Infinity keeps the last environment warm for as long as the emulator runs.
   */
  lastEnvironmentIdleMs?: number;
}

interface Invocation {
  requestId: string;
  /** When it was queued (performance.now()), for how long it has waited for an environment. */
  queuedAt: number;
  event: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Environment {
  worker: Worker;
  /** Shared with the worker, which blocks on it while idle (environment-freeze.ts). */
  freezer: SharedArrayBuffer;
  /** The invocation running, when it was handed over, and whether the environment was warm then. */
  current: (Invocation & { timer: NodeJS.Timeout; startedAt: number; warm: boolean }) | undefined;
  /** Its code changed on disk: finish the current invocation, then go. */
  stale: boolean;
  /** The handler's module has loaded (Lambda's init phase is over). */
  ready: boolean;
  /** Init ran past its limit, so the function's timeout is already running. */
  initOverran: boolean;
  /** Runs out when the environment has been idle long enough to be stopped. */
  idleTimer: NodeJS.Timeout | undefined;
  /** Closes this environment's ends of its direct ports. */
  closePorts: () => void;
  /** When it started (performance.now()), to measure its cold start. */
  startedAt: number;
}

/**
 * Lambda's limit on an environment's init phase (loading the handler's module), which does not count
 * against the function's timeout: that starts when the handler is called. Without this, cold starts on
 * a busy machine could eat a short timeout before the handler ran at all. The timeout starts when the
 * module has loaded or after 10 s of loading, whichever is first: a longer init goes on under the
 * function's timeout, as Lambda re-runs it inside the invocation.
 */
const INIT_TIMEOUT_MS = 10_000;

const DEFAULT_SPARE_IDLE_MS = 60_000;
const DEFAULT_LAST_IDLE_MS = 5 * 60_000;

const WORKER_URL = new URL('./lambda-worker.ts', import.meta.url);

export class LambdaFunction {
  readonly definition: FunctionDefinition;
  #options: LambdaFunctionOptions;
  #runtimeSdk: RuntimeSdk;
  #environments = new Set<Environment>();
  #queue: Invocation[] = [];
  #nextId = 1;
  /** How long the last environment took from start to ready: what waiting for a busy one is weighed against. */
  #lastColdStartMs = 0;
  /** The recent wall time of an invocation, in ms (an exponential average). */
  #averageDurationMs = 0;
  /** When an invocation last finished (performance.now()). */
  #lastFinishedAt = 0;
  /** Runs #dispatch once nothing has finished for a cold start's time, when waiting invocations may get an environment of their own. */
  #scaleOutTimer: NodeJS.Timeout | undefined;
  #bundle: HandlerBundle | undefined;

  constructor(definition: FunctionDefinition, options: LambdaFunctionOptions) {
    this.definition = definition;
    this.#options = options;
    this.#runtimeSdk = runtimeSdkFor(definition.runtime);
    if (definition.bundle) this.#bundle = new HandlerBundle(definition.handlerModule, definition.runtime, definition.bundle);
  }

  /** Runs the handler with `event`; resolves with what it returned, rejects with what it threw. */
  invoke(event: unknown, requestId: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ requestId, event, resolve, reject, queuedAt: performance.now() });
      this.#dispatch();
    });
  }

  /** Environments started so far and still alive (warm or busy). */
  get environmentCount(): number {
    return this.#environments.size;
  }

  /** A full garbage collection in every environment, where the process runs with `--expose-gc` (for measurements). */
  collectGarbage(): void {
    for (const environment of this.#environments) {
      // A frozen environment reads no messages: it is woken for the collection instead.
      requestCollection(environment.freezer);
      environment.worker.postMessage(COLLECT_GARBAGE);
    }
  }

  /** Makes the next invocation load the code afresh, without failing one that is running. */
  reload(): void {
    this.#bundle?.invalidate();
    for (const environment of this.#environments) {
      if (environment.current) environment.stale = true;
      else this.#discard(environment);
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.#scaleOutTimer);
    for (const invocation of this.#queue.splice(0)) invocation.reject(new Error('The emulator is stopping'));
    await Promise.all([...this.#environments].map((environment) => this.#discard(environment, new Error('The emulator is stopping'))));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const environment = this.#idleEnvironment() ?? (this.#mayScaleOut() ? this.#startEnvironment() : undefined);
      if (!environment) return;
      this.#run(environment, this.#queue.shift() as Invocation);
    }
  }

  /** With no environment free: whether a new one would serve the queue sooner than the busy ones. */
  #mayScaleOut(): boolean {
    const busy = this.#environments.size;
    if (this.#queue.length === 0 || busy === 0) return true;
    const now = performance.now();
    const expectedWaitMs = (this.#queue.length / busy) * this.#averageDurationMs;
    const sinceFinishedMs = now - Math.max(this.#lastFinishedAt, (this.#queue[0] as Invocation).queuedAt);
    if (expectedWaitMs >= this.#lastColdStartMs || sinceFinishedMs >= this.#lastColdStartMs) return true;
    // Nothing finishing would bring #dispatch back: look again when waiting has lasted a cold start.
    if (!this.#scaleOutTimer) {
      this.#scaleOutTimer = setTimeout(() => {
        this.#scaleOutTimer = undefined;
        this.#dispatch();
      }, this.#lastColdStartMs - sinceFinishedMs);
      this.#scaleOutTimer.unref();
    }
    return false;
  }

  #idleEnvironment(): Environment | undefined {
    for (const environment of this.#environments) if (!environment.current && !environment.stale) return environment;
    return undefined;
  }

  #run(environment: Environment, invocation: Invocation): void {
    const timeoutMs = this.definition.timeoutSeconds * 1000;
    clearTimeout(environment.idleTimer);
    // A cold environment queues the message until its module has loaded; the timeout starts then.
    environment.current = {
      ...invocation, startedAt: performance.now(), warm: environment.ready, timer: environment.ready ? this.#functionTimer(environment) : this.#initTimer(environment),
    };
    const message: InvokeMessage = { id: this.#nextId++, requestId: invocation.requestId, event: invocation.event, timeoutMs };
    thawForInvocation(environment.freezer);
    environment.worker.postMessage(message);
  }

  #functionTimer(environment: Environment): NodeJS.Timeout {
    return setTimeout(() => {
      // Like Lambda, a timed-out environment is thrown away; the next invocation starts cold.
      void this.#discard(environment, new FunctionTimeoutError(timeoutMessage(this.definition.timeoutSeconds)));
    }, this.definition.timeoutSeconds * 1000);
  }

  // Past the init limit Lambda goes on initialising inside the invocation, under the function's timeout.
  #initTimer(environment: Environment): NodeJS.Timeout {
    return setTimeout(() => {
      environment.initOverran = true;
      if (environment.current) environment.current.timer = this.#functionTimer(environment);
    }, INIT_TIMEOUT_MS);
  }

  #startEnvironment(): Environment | undefined {
    if (this.#environments.size >= (this.#options.maxConcurrency ?? 10)) return undefined;
    // One cold start at a time per function: starting ten isolates at once on a laptop makes every one
    // of them slow, while a warm environment usually frees up sooner. The next starts when this one is ready.
    for (const environment of this.#environments) if (!environment.ready) return undefined;
    const ports = this.#options.openDirectPorts?.();
    const freezer = new SharedArrayBuffer(FREEZER_BYTES);
    const workerData: WorkerData = {
      freezer,
      functionName: this.definition.name,
      handlerModule: this.#bundle?.path() ?? this.definition.handlerModule,
      handlerExport: this.definition.handlerExport,
      memorySize: this.definition.memorySize,
      localEndpoints: this.#options.localEndpoints(),
      runtimeSdk: this.#runtimeSdk,
      directPorts: ports?.forWorker,
    };
    const transferList = ports ? [ports.forWorker.management, ...(ports.forWorker.dynamoDb ? [ports.forWorker.dynamoDb] : [])] : [];
    // Lambda's runtime puts its SDK on NODE_PATH too; a NODE_PATH of the function's own replaces it, as there.
    const env = { NODE_PATH: this.#runtimeSdk.nodePath, ...this.definition.environment };
    const worker = new Worker(WORKER_URL, { workerData, env, transferList });
    const environment: Environment = {
      worker, freezer, current: undefined, stale: false, ready: false, initOverran: false, idleTimer: undefined, closePorts: ports?.close ?? (() => {}), startedAt: performance.now(),
    };
    worker.on('message', (message: WorkerMessage) => this.#onMessage(environment, message));
    // An uncaught error or process.exit() in handler code ends the environment and fails its invocation.
    worker.on('error', (error) => {
      if (!environment.ready && this.#bundleAfterFailedImport(environment)) return;
      void this.#discard(environment, new HandlerError(error.name, error.message, error.stack));
    });
    worker.on('exit', (code) => void this.#discard(environment, new HandlerError('Runtime.ExitError', `Runtime exited with status ${code}`)));
    this.#environments.add(environment);
    return environment;
  }

  #onMessage(environment: Environment, message: WorkerMessage): void {
    if (message.type === 'log') {
      this.#options.onLog({ functionName: this.definition.name, requestId: message.requestId, level: message.level, text: message.text });
      return;
    }
    if (message.type === 'ready') {
      environment.ready = true;
      this.#lastColdStartMs = performance.now() - environment.startedAt;
      if (environment.current && !environment.initOverran) {
        clearTimeout(environment.current.timer);
        environment.current.timer = this.#functionTimer(environment);
      }
      // Invocations still waiting may start the next environment now.
      this.#dispatch();
      return;
    }
    const invocation = environment.current;
    if (!invocation) return;
    clearTimeout(invocation.timer);
    const now = performance.now();
    // A cold start's first invocation includes loading the code: not the pace of the warm ones.
    if (invocation.warm) {
      const durationMs = now - invocation.startedAt;
      this.#averageDurationMs = this.#averageDurationMs === 0 ? durationMs : 0.8 * this.#averageDurationMs + 0.2 * durationMs;
    }
    this.#lastFinishedAt = now;
    environment.current = undefined;
    if (message.ok) invocation.resolve(message.value);
    else invocation.reject(new HandlerError(message.error.name, message.error.message, message.error.stack));
    if (environment.stale) void this.#discard(environment);
    else this.#stopWhenIdle(environment);
    this.#dispatch();
  }

  /**
   * A spare goes after `spareEnvironmentIdleMs`; one that is the last left when that runs out stays
   * until it has been idle for `lastEnvironmentIdleMs` in all.
   */
  #stopWhenIdle(environment: Environment): void {
    const spareMs = this.#options.spareEnvironmentIdleMs ?? DEFAULT_SPARE_IDLE_MS;
    const lastMs = this.#options.lastEnvironmentIdleMs ?? DEFAULT_LAST_IDLE_MS;
    environment.idleTimer = setTimeout(() => {
      if (environment.current) return;
      if (this.#environments.size > 1) return void this.#discard(environment);
      if (!Number.isFinite(lastMs)) return;
      environment.idleTimer = setTimeout(() => {
        if (!environment.current) void this.#discard(environment);
      }, Math.max(0, lastMs - spareMs));
      environment.idleTimer.unref();
    }, Math.min(spareMs, lastMs));
    environment.idleTimer.unref();
  }

  /** Ends an environment; its running invocation, if any, fails with `reason`. */
  /**
   * A TypeScript handler that Node's type stripping could not load (a type imported as a value, an
   * import without its extension, an enum) is what a bundler makes deployable: bundle it with
   * esbuild from now on, and give the waiting invocation to an environment that loads the bundle.
   */
  #bundleAfterFailedImport(environment: Environment): boolean {
    if (this.#bundle || !/\.[cm]?tsx?$/.test(this.definition.handlerModule)) return false;
    this.#bundle = new HandlerBundle(this.definition.handlerModule, this.definition.runtime, { format: 'cjs' });
    this.#options.onLog({ functionName: this.definition.name, requestId: environment.current?.requestId, level: 'info', text: `Node's type stripping could not load ${this.definition.handlerModule}; bundling it with esbuild instead, as a deployment would` });
    const invocation = environment.current;
    environment.current = undefined;
    if (invocation) {
      clearTimeout(invocation.timer);
      this.#queue.unshift(invocation);
    }
    void this.#discard(environment);
    return true;
  }

  async #discard(environment: Environment, reason?: Error): Promise<void> {
    if (!this.#environments.delete(environment)) return;
    clearTimeout(environment.idleTimer);
    const invocation = environment.current;
    environment.current = undefined;
    if (invocation) {
      clearTimeout(invocation.timer);
      invocation.reject(reason ?? new Error('The execution environment was stopped'));
    }
    await environment.worker.terminate();
    environment.closePorts();
    this.#dispatch();
  }
}
