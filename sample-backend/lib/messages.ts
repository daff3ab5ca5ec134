/**
 * Checks what a client sent before a handler acts on it. A bad message gets a clear error back;
 * nothing a client sends can make a handler throw.
 */
import { LIMITS } from './limits.ts';
import type { WebSocketEvent } from './websocket-event.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** The message's JSON object, checked for size. */
export function parseJsonMessage(event: WebSocketEvent): Parsed<Record<string, unknown>> {
  const body = event.body ?? '';
  const bytes = Buffer.byteLength(body);
  if (bytes > LIMITS.messageBytes) {
    return { ok: false, error: `The message is ${bytes} bytes; this backend accepts at most ${LIMITS.messageBytes}.` };
  }
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // Falls through to the error below.
  }
  return { ok: false, error: 'The message must be a JSON object, for example {"action":"broadcast","message":"hi"}.' };
}

/** `{"action":"broadcast","message":"..."}` */
export function parseBroadcast(event: WebSocketEvent): Parsed<{ message: string }> {
  const parsed = parseJsonMessage(event);
  if (!parsed.ok) return parsed;
  const { message } = parsed.value;
  if (typeof message !== 'string' || message.length === 0) {
    return { ok: false, error: 'broadcast needs a "message" string, for example {"action":"broadcast","message":"hi"}.' };
  }
  if (message.length > LIMITS.broadcastMessageChars) {
    return { ok: false, error: `A broadcast message may be at most ${LIMITS.broadcastMessageChars} characters; this one has ${message.length}.` };
  }
  return { ok: true, value: { message } };
}

/** The shape of every error the sample sends back. */
export function errorMessage(event: WebSocketEvent, error: string): object {
  return { type: 'error', routeKey: event.requestContext.routeKey, error };
}
