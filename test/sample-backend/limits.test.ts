import { afterEach, describe, expect, it } from 'vitest';
import { positiveIntegerEnv } from '../../sample-backend/lib/env.ts';
import { LIMITS } from '../../sample-backend/lib/limits.ts';

const NAME = 'SAMPLE_TEST_LIMIT';
afterEach(() => {
  delete process.env[NAME];
});

describe('the sample limits', () => {
  it('caps a broadcast at 200 recipients where BROADCAST_MAX_RECIPIENTS is not set, as deployed', () => {
    expect(process.env.BROADCAST_MAX_RECIPIENTS).toBeUndefined();
    expect(LIMITS.broadcastRecipients).toBe(200);
  });

  it.each([
    [undefined, 200],
    ['', 200],
    ['1000', 1000],
    ['1', 1],
  ])('reads %j as %i', (value, expected) => {
    if (value !== undefined) process.env[NAME] = value;
    expect(positiveIntegerEnv(NAME, 200)).toBe(expected);
  });

  it.each(['0', '-5', '1.5', 'many', '1e400'])('refuses %j at cold start, naming the variable', (value) => {
    process.env[NAME] = value;
    expect(() => positiveIntegerEnv(NAME, 200)).toThrow(`Environment variable ${NAME} must be a whole number above 0, got "${value}"`);
  });
});
