import { describe, expect, it } from 'vitest';
import { broadcastRequest, parseSampleMessage } from '../../site/client/sample-messages.ts';

describe('parseSampleMessage', () => {
  it.each([
    [
      '{"type":"whoami","connectionId":"R1kmxc2VNjMCFIA=","connectedAt":"2025-02-03T01:46:33.523Z","sourceIp":"127.0.0.1","userAgent":null}',
      { type: 'whoami', connectionId: 'R1kmxc2VNjMCFIA=' },
    ],
    ['{"type":"push","n":2,"of":3,"sentAt":"2025-02-03T01:46:34.000Z"}', { type: 'push', n: 2, of: 3 }],
    [
      '{"type":"broadcast","from":"R1kmxc2VNjMCFIA=","message":"<img src=x>","sentAt":"2025-02-03T01:46:34.000Z"}',
      { type: 'broadcast', from: 'R1kmxc2VNjMCFIA=', message: '<img src=x>' },
    ],
    [
      '{"type":"broadcast-result","sent":2,"removedStale":["Old1xc2VNjMCFIA="],"failed":[]}',
      { type: 'broadcast-result', sent: 2, removedStale: ['Old1xc2VNjMCFIA='], failed: 0 },
    ],
    ['{"type":"error","routeKey":"broadcast","error":"wait a little."}', { type: 'error', error: 'wait a little.' }],
    ['{"type":"echo","echo":"hello","routeKey":"$default"}', { type: 'echo', echo: 'hello' }],
  ])('reads %s', (data, expected) => {
    expect(parseSampleMessage(data)).toEqual(expected);
  });

  it.each([['hello from the CLI'], ['[1,2]'], ['null'], ['{"type":"push","n":"1"}'], ['{"type":"whoami"}'], ['{"message":"Forbidden"}']])(
    'calls %s other',
    (data) => {
      expect(parseSampleMessage(data)).toEqual({ type: 'other' });
    },
  );
});

describe('broadcastRequest', () => {
  it('keeps quotes and markup intact', () => {
    expect(JSON.parse(broadcastRequest('say "hi" <b>'))).toEqual({ action: 'broadcast', message: 'say "hi" <b>' });
  });
});
