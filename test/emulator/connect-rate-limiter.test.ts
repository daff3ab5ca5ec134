import { describe, expect, it } from 'vitest';
import { ConnectRateLimiter } from '../../emulator/connect-rate-limiter.ts';

describe('ConnectRateLimiter', () => {
  it('allows the quota within one sliding second and refuses the next handshake', () => {
    const limiter = new ConnectRateLimiter(3);
    expect([0, 100, 200, 300].map((at) => limiter.tryAcquire(at))).toEqual([true, true, true, false]);
  });

  it('allows again once the oldest handshake has left the window', () => {
    const limiter = new ConnectRateLimiter(2);
    expect([0, 500, 999, 1000, 1001, 1499, 1500].map((at) => limiter.tryAcquire(at))).toEqual([true, true, false, true, false, false, true]);
  });

  it('does not count refused handshakes against the quota', () => {
    const limiter = new ConnectRateLimiter(1);
    expect([0, 10, 20, 1000].map((at) => limiter.tryAcquire(at))).toEqual([true, false, false, true]);
  });

  it('keeps a raised quota exact over many windows', () => {
    const limiter = new ConnectRateLimiter(5000);
    let allowed = 0;
    // 20,000 handshakes a second for 5 seconds: exactly 5,000 a second get through.
    for (let i = 0; i < 100_000; i++) if (limiter.tryAcquire(i / 20)) allowed++;
    expect(allowed).toBe(25_000);
  });
});
