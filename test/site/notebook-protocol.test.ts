import { describe, expect, it } from 'vitest';
import { isKernelReply } from '../../site/client/notebook-protocol.ts';

describe('isKernelReply', () => {
  it.each([
    { type: 'ready' },
    { type: 'output', cellId: 'a', kind: 'log', text: '1', at: 1 },
    { type: 'output', cellId: 'a', kind: 'error', text: 'SyntaxError: x', at: 1, hint: 'top-level-await' },
    { type: 'done', runId: 1, cellId: 'a', ok: true },
    { type: 'resources', cellId: 'a', timers: 1, sockets: 0 },
    { type: 'stopped', cellId: 'a', timers: 1, sockets: 1, reason: 'stop' },
    { type: 'socket-failed', cellId: 'a', url: 'ws://x', code: 1006, at: 1 },
  ])('accepts what the worker sends: %o', (message) => {
    expect(isKernelReply(message)).toBe(true);
  });

  it.each([
    null,
    'output',
    { type: 'output', cellId: 'a', kind: 'html', text: '<b>', at: 1 },
    { type: 'output', cellId: 'a', kind: 'log', text: ['not', 'text'], at: 1 },
    { type: 'done', runId: '1', cellId: 'a', ok: true },
    { type: 'eval', code: 'alert(1)' },
  ])('ignores anything else, such as a cell posting its own messages: %o', (message) => {
    expect(isKernelReply(message)).toBe(false);
  });
});
