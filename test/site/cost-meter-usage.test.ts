import { describe, expect, it } from 'vitest';
import { endpointTimedOutFrame, forbiddenFrame, internalServerErrorFrame } from '../../emulator/error-frames.ts';
import { monthlyCost } from '../../site/client/pricing.ts';
import { METERING_UNIT_BYTES } from '../../site/client/pricing-data.ts';
import {
  addUsage,
  connectionIdIn,
  countMessage,
  formatSmallUsd,
  isGatewayErrorFrame,
  NO_USAGE,
  REGIONS,
  subtractUsage,
  usageCost,
  utf8Bytes,
} from '../../site/widgets/cost-meter-usage.ts';

const ID = 'R1kmxc2VNjMCFIA=';
const REQUEST = 'R1km0FBcNjMFkWQ=';

describe('countMessage', () => {
  it('counts a sent message in, in 32 KB units of its UTF-8 bytes', () => {
    let usage = countMessage(NO_USAGE, 'sent', 'hello');
    usage = countMessage(usage, 'sent', 'x'.repeat(METERING_UNIT_BYTES));
    usage = countMessage(usage, 'sent', 'あ'.repeat(11_000)); // 33,000 bytes: two units
    expect(usage).toEqual({ ...NO_USAGE, messagesIn: 3, unitsIn: 4 });
  });

  it('counts a received message out, and a gateway error frame apart', () => {
    let usage = countMessage(NO_USAGE, 'received', '{"type":"echo"}');
    usage = countMessage(usage, 'received', '"'.repeat(40 * 1024));
    usage = countMessage(usage, 'received', forbiddenFrame(ID, REQUEST));
    expect(usage).toEqual({ ...NO_USAGE, messagesOut: 2, unitsOut: 3, errorFrames: 1 });
  });
});

describe('isGatewayErrorFrame', () => {
  it('recognises the three frames byte for byte, and nothing that only looks like them', () => {
    for (const frame of [forbiddenFrame, internalServerErrorFrame, endpointTimedOutFrame]) expect(isGatewayErrorFrame(frame(ID, REQUEST))).toBe(true);
    expect(isGatewayErrorFrame(JSON.stringify({ message: 'Forbidden', connectionId: ID, requestId: REQUEST }))).toBe(false);
    expect(isGatewayErrorFrame('{"message": "Forbidden"}')).toBe(false);
  });
});

describe('connectionIdIn', () => {
  it.each([
    [`{"type":"echo","echo":"hello","connectionId":"${ID}"}`, ID],
    [forbiddenFrame(ID, REQUEST), ID],
    [`{"type":"broadcast","from":"${ID}"}`, null],
    [`{"connectionId":"not-an-id"}`, null],
    [`{"connectionId":42}`, null],
    ['hello', null],
    ['null', null],
  ])('reads %s as %s', (text, id) => {
    expect(connectionIdIn(text)).toBe(id);
  });
});

describe('usage arithmetic', () => {
  const a = { messagesIn: 3, messagesOut: 2, unitsIn: 3, unitsOut: 4, errorFrames: 1, connectionMinutes: 2.5 };
  it('adds, and subtracts without going below zero', () => {
    expect(addUsage(a, a)).toEqual({ messagesIn: 6, messagesOut: 4, unitsIn: 6, unitsOut: 8, errorFrames: 2, connectionMinutes: 5 });
    expect(subtractUsage(a, { ...a, messagesIn: 1, connectionMinutes: 3 })).toEqual({ ...NO_USAGE, messagesIn: 2 });
  });
});

describe('usageCost', () => {
  it('bills the 32 KB units and connection-minutes at the pricing module’s prices, leaving error frames out', () => {
    const usage = { messagesIn: 3, messagesOut: 2, unitsIn: 3, unitsOut: 3, errorFrames: 5, connectionMinutes: 2 };
    for (const region of REGIONS) {
      const expected = monthlyCost({ region, messages: 6, messageBytes: 1, connectionMinutes: 2 });
      expect(usageCost(usage, region).totalUsd).toBeCloseTo(expected.totalUsd, 15);
      expect(usageCost(usage, region, 1e6).totalUsd).toBeCloseTo(monthlyCost({ region, messages: 6e6, messageBytes: 1, connectionMinutes: 2e6 }).totalUsd, 9);
    }
  });
});

describe('formatSmallUsd', () => {
  it.each([
    [0, '$0'],
    [0.000006, '$0.0000060'],
    [0.00000756, '$0.0000076'],
    [0.00000025, '$0.00000025'],
    [0.0042, '$0.0042'],
    [23.4, '$23.40'],
  ])('shows %s as %s', (amount, shown) => {
    expect(formatSmallUsd(amount)).toBe(shown);
  });
});

describe('utf8Bytes', () => {
  it('counts bytes, not characters', () => {
    expect(utf8Bytes('あ')).toBe(3);
    expect(utf8Bytes('hello')).toBe(5);
  });
});
