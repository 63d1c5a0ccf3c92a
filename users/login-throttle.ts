/**
 * Slows password guessing: after `maxFailures` failed logins for one email within `windowMs`, that
 * email is refused (with the same generic error) until the window passes. In-process: good enough
 * for one API process; several processes each keep their own count.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(email: string, now: number): number[] {
    const times = (this.failures.get(email) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length) this.failures.set(email, times);
    else this.failures.delete(email);
    return times;
  }

  blocked(email: string, now = Date.now()): boolean {
    return this.recent(email, now).length >= this.maxFailures;
  }

  failed(email: string, now = Date.now()): void {
    // Guessing many different emails must not grow the map without bound.
    if (this.failures.size > 10_000) for (const key of [...this.failures.keys()]) this.recent(key, now);
    this.failures.set(email, [...this.recent(email, now), now]);
  }

  succeeded(email: string): void {
    this.failures.delete(email);
  }
}
