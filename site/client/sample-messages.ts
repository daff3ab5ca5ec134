/**
 * Reading the JSON messages the sample backend sends (sample-backend/handlers/*), so widgets can
 * say what arrived ("push 2 of 3", "broadcast from B"). Anything else is `{ type: 'other' }`: a
 * widget shows it as text, as it would any message. Pure, for the widgets and the tests.
 */

export type SampleMessage =
  | { type: 'whoami'; connectionId: string }
  | { type: 'push'; n: number; of: number }
  | { type: 'broadcast'; from: string; message: string }
  | { type: 'broadcast-result'; sent: number; removedStale: string[]; failed: number }
  | { type: 'error'; error: string }
  | { type: 'echo'; echo: string }
  | { type: 'other' };

export function parseSampleMessage(data: string): SampleMessage {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { type: 'other' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { type: 'other' };
  const message = value as Record<string, unknown>;
  const text = (key: string) => (typeof message[key] === 'string' ? message[key] : undefined);
  const count = (key: string) => (typeof message[key] === 'number' ? message[key] : undefined);
  switch (message.type) {
    case 'whoami': {
      const connectionId = text('connectionId');
      return connectionId ? { type: 'whoami', connectionId } : { type: 'other' };
    }
    case 'push': {
      const n = count('n');
      const of = count('of');
      return n !== undefined && of !== undefined ? { type: 'push', n, of } : { type: 'other' };
    }
    case 'broadcast': {
      const from = text('from');
      const body = text('message');
      return from !== undefined && body !== undefined ? { type: 'broadcast', from, message: body } : { type: 'other' };
    }
    case 'broadcast-result': {
      const sent = count('sent');
      const removedStale = Array.isArray(message.removedStale) ? message.removedStale.filter((id) => typeof id === 'string') : [];
      const failed = Array.isArray(message.failed) ? message.failed.length : 0;
      return sent !== undefined ? { type: 'broadcast-result', sent, removedStale, failed } : { type: 'other' };
    }
    case 'error': {
      const error = text('error');
      return error !== undefined ? { type: 'error', error } : { type: 'other' };
    }
    case 'echo': {
      const echo = text('echo');
      return echo !== undefined ? { type: 'echo', echo } : { type: 'other' };
    }
    default:
      return { type: 'other' };
  }
}

/** `{"action":"broadcast","message":…}`, built with JSON.stringify so any text is sent intact. */
export function broadcastRequest(message: string): string {
  return JSON.stringify({ action: 'broadcast', message });
}

export const WHOAMI_REQUEST = '{"action":"whoami"}';
export const PUSH_REQUEST = '{"action":"push"}';
