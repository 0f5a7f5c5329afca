/**
 * Sliding-window count of failed logins for one key (email + client address): after `maxFailures`
 * failures within `windowMs`, further attempts wait until the oldest failure leaves the window.
 */
export class LoginAttempts {
  private failures: number[] = [];

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until an attempt is allowed again; 0 when it is allowed now. */
  waitMs(now: number): number {
    this.forgetBefore(now - this.windowMs);
    if (this.failures.length < this.maxFailures) return 0;
    return this.failures[this.failures.length - this.maxFailures] + this.windowMs - now;
  }

  recordFailure(now: number): void {
    this.forgetBefore(now - this.windowMs);
    this.failures.push(now);
  }

  get isEmpty(): boolean {
    return this.failures.length === 0;
  }

  private forgetBefore(cutoff: number): void {
    while (this.failures.length > 0 && this.failures[0] <= cutoff) this.failures.shift();
  }
}
