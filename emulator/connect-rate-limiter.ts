/**
 * API Gateway's quota of new connections per second (reference §1: 500 per account and Region).
 * Handshakes above it are refused with 429. A sliding one-second window, in real time: the
 * time scale is for the idle and 2-hour timers only.
 */
export class ConnectRateLimiter {
  #limit: number;
  #recent: number[] = [];

  constructor(connectsPerSecond: number) {
    this.#limit = connectsPerSecond;
  }

  /** Records a handshake at `now` and says whether it is within the quota. */
  tryAcquire(now = Date.now()): boolean {
    while (this.#recent.length > 0 && (this.#recent[0] as number) <= now - 1000) this.#recent.shift();
    if (this.#recent.length >= this.#limit) return false;
    this.#recent.push(now);
    return true;
  }
}
