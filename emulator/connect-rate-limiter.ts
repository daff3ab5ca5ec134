/**
 * API Gateway's quota of new connections per second (reference §1: 500 per account and Region).
 * Handshakes above it are refused with 429. A sliding one-second window, in real time: the
 * time scale is for the idle and 2-hour timers only.
 */
export class ConnectRateLimiter {
  #limit: number;
  /** Times of accepted handshakes; those before `#first` have left the window. */
  #recent: number[] = [];
  #first = 0;

  constructor(connectsPerSecond: number) {
    this.#limit = connectsPerSecond;
  }

  /** Records a handshake at `now` and says whether it is within the quota. */
  tryAcquire(now = Date.now()): boolean {
    while (this.#first < this.#recent.length && (this.#recent[this.#first] as number) <= now - 1000) this.#first++;
    // Compact now and then rather than shifting on every call: a raised quota keeps thousands in the window.
    if (this.#first > 1024 && this.#first * 2 > this.#recent.length) {
      this.#recent = this.#recent.slice(this.#first);
      this.#first = 0;
    }
    if (this.#recent.length - this.#first >= this.#limit) return false;
    this.#recent.push(now);
    return true;
  }
}
