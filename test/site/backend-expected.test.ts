import { describe, expect, it } from 'vitest';
import { isBackendExpected } from '../../site/client/backend-kind.ts';

describe('isBackendExpected: where a widget may look for a backend before the reader asks', () => {
  it.each([
    // [endpoint, built for (PUBLIC_WS_ENDPOINT), saved by the reader, expected]
    ['ws://localhost:3001/local', undefined, null, false],
    ['ws://localhost:3001/local', '', null, false],
    ['ws://127.0.0.1:3101/local', 'ws://127.0.0.1:3101/local', null, true],
    ['ws://127.0.0.1:3101/local', 'ws://127.0.0.1:3101/local/', null, true],
    ['ws://localhost:3001/local', 'ws://127.0.0.1:3101/local', null, false],
    ['wss://abc123.execute-api.us-east-1.amazonaws.com/dev', undefined, 'wss://abc123.execute-api.us-east-1.amazonaws.com/dev', true],
    ['wss://abc123.execute-api.us-east-1.amazonaws.com/dev', undefined, '  wss://abc123.execute-api.us-east-1.amazonaws.com/dev ', true],
    ['ws://localhost:3001/local', undefined, 'wss://abc123.execute-api.us-east-1.amazonaws.com/dev', false],
  ] as const)('%s, built for %s, saved %s: %s', (endpoint, builtFor, saved, expected) => {
    expect(isBackendExpected(endpoint, { builtFor, saved })).toBe(expected);
  });
});
