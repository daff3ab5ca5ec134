/**
 * The messages between a page's notebook kernel (notebook-kernel.ts) and its worker
 * (notebook-worker.ts). Only strings and numbers cross (and a MessagePort to the in-page emulator): the worker formats every value as text,
 * and the page never evaluates anything it receives.
 */

/** What a line of a cell's output is: console.log/info/debug, console.warn, console.error or an uncaught error, or the cell's value. */
export type OutputKind = 'log' | 'warn' | 'error' | 'result';

/** Page to worker. */
export type KernelRequest =
  /** Run a cell's code. `endpoint` becomes the cell's `ENDPOINT`. */
  | { type: 'run'; runId: number; cellId: string; code: string; endpoint: string }
  /** A port to the in-page emulator's service at `host` (`sample.in-page`), for the cells' sockets to that host. */
  | { type: 'in-page-port'; host: string; port: MessagePort }
  /** End the timers and sockets a cell (or, with null, every cell) started. */
  | { type: 'stop'; cellId: string | null; reason: StopReason };

/** Why resources were stopped: the reader pressed Stop, or the cell is being run again. */
export type StopReason = 'stop' | 'rerun';

/** Worker to page. */
export type KernelReply =
  | { type: 'ready' }
  | { type: 'output'; cellId: string; kind: OutputKind; text: string; at: number; hint?: 'top-level-await' }
  /** A run's synchronous part finished (timers and sockets may live on). */
  | { type: 'done'; runId: number; cellId: string; ok: boolean }
  /** How many timers and open sockets a cell has now. */
  | { type: 'resources'; cellId: string; timers: number; sockets: number }
  | { type: 'stopped'; cellId: string; timers: number; sockets: number; reason: StopReason }
  /** A socket the cell opened closed before it ever opened: nothing answered, or the handshake was refused. */
  | { type: 'socket-failed'; cellId: string; url: string; code: number; at: number };

/** Whether a message from the worker has the shape the page expects; anything else is ignored. */
export function isKernelReply(data: unknown): data is KernelReply {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return true;
    case 'output':
      return (
        typeof message.cellId === 'string' &&
        typeof message.text === 'string' &&
        typeof message.at === 'number' &&
        ['log', 'warn', 'error', 'result'].includes(message.kind as string)
      );
    case 'done':
      return typeof message.runId === 'number' && typeof message.cellId === 'string' && typeof message.ok === 'boolean';
    case 'resources':
    case 'stopped':
      return (
        typeof message.cellId === 'string' && typeof message.timers === 'number' && typeof message.sockets === 'number'
      );
    case 'socket-failed':
      return (
        typeof message.cellId === 'string' &&
        typeof message.url === 'string' &&
        typeof message.code === 'number' &&
        typeof message.at === 'number'
      );
    default:
      return false;
  }
}
