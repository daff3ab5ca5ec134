/**
 * One Lambda function, run in its own worker thread so that its module scope (and anything it keeps
 * in memory) is invisible to other functions, as on AWS. The worker starts on the first invocation
 * (a cold start) and stays warm until it times out, crashes or the emulator stops.
 */
import { Worker } from 'node:worker_threads';
import type { InvokeMessage, WorkerData, WorkerMessage } from './lambda-messages.ts';

export interface FunctionDefinition {
  /** The deployed name, e.g. `apigw-websocket-tutorial-local-connect`. */
  name: string;
  /** Absolute path of the handler's module file. */
  handlerModule: string;
  /** The exported function, e.g. `handler`. */
  handlerExport: string;
  /** Variables the function sees in `process.env`, on top of what Lambda itself sets. */
  environment: Record<string, string>;
  timeoutSeconds: number;
  memorySize: number;
}

export interface FunctionLog {
  functionName: string;
  requestId: string | undefined;
  level: string;
  text: string;
}

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

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const WORKER_URL = new URL('./lambda-worker.ts', import.meta.url);

export class LambdaFunction {
  readonly definition: FunctionDefinition;
  #emulatorPort: () => number;
  #onLog: (log: FunctionLog) => void;
  #worker: Worker | undefined;
  #pending = new Map<number, Pending>();
  #nextId = 1;

  /** `emulatorPort` is read when the worker starts, so the emulator may bind after the function exists. */
  constructor(definition: FunctionDefinition, emulatorPort: () => number, onLog: (log: FunctionLog) => void) {
    this.definition = definition;
    this.#emulatorPort = emulatorPort;
    this.#onLog = onLog;
  }

  /** Runs the handler with `event`; resolves with what it returned. */
  invoke(event: unknown, requestId: string): Promise<unknown> {
    const worker = this.#worker ?? this.#startWorker();
    const id = this.#nextId++;
    const timeoutMs = this.definition.timeoutSeconds * 1000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new FunctionTimeoutError(`Task timed out after ${this.definition.timeoutSeconds.toFixed(2)} seconds`));
        // Like Lambda, a timed-out environment is thrown away; the next invocation starts cold.
        void this.#stopWorker(worker, new FunctionTimeoutError('The execution environment was reset after a timeout'));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      const message: InvokeMessage = { id, requestId, event, deadline: Date.now() + timeoutMs };
      worker.postMessage(message);
    });
  }

  async stop(): Promise<void> {
    if (this.#worker) await this.#stopWorker(this.#worker, new Error('The emulator is stopping'));
  }

  #startWorker(): Worker {
    const workerData: WorkerData = {
      functionName: this.definition.name,
      handlerModule: this.definition.handlerModule,
      handlerExport: this.definition.handlerExport,
      memorySize: this.definition.memorySize,
      emulatorPort: this.#emulatorPort(),
    };
    const worker = new Worker(WORKER_URL, { workerData, env: this.definition.environment, stdout: false, stderr: false });
    worker.on('message', (message: WorkerMessage) => this.#onMessage(message));
    worker.on('error', (error) => {
      void this.#stopWorker(worker, new HandlerError(error.name, error.message, error.stack));
    });
    worker.on('exit', (code) => {
      if (this.#worker === worker) {
        this.#worker = undefined;
        this.#rejectAll(new HandlerError('Runtime.ExitError', `Runtime exited with status ${code}`));
      }
    });
    this.#worker = worker;
    return worker;
  }

  #onMessage(message: WorkerMessage): void {
    if (message.type === 'log') {
      this.#onLog({ functionName: this.definition.name, requestId: message.requestId, level: message.level, text: message.text });
      return;
    }
    if (message.type !== 'result') return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new HandlerError(message.error.name, message.error.message, message.error.stack));
  }

  async #stopWorker(worker: Worker, reason: Error): Promise<void> {
    if (this.#worker === worker) this.#worker = undefined;
    this.#rejectAll(reason);
    await worker.terminate();
  }

  #rejectAll(reason: Error): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(reason);
      this.#pending.delete(id);
    }
  }
}
