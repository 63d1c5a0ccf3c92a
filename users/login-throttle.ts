import type { DataSource } from 'typeorm';
import { forgetWindowsBefore, takeFromWindow, windowKeyHash } from '../db/window-counter';

/** How many password guesses are evaluated per window (LOGIN_* configuration). */
export interface LoginThrottleSettings {
  maxPerAccount: number;
  maxPerAddress: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleSettings = {
  maxPerAccount: 5,
  maxPerAddress: 20,
  windowSeconds: 15 * 60,
};

const hashOf = windowKeyHash;

/** One guess, counted against its account and its source address. */
export interface LoginAttempt {
  /** Whether the guess may be evaluated: both counts were within their limits. */
  readonly allowed: boolean;
  /** A right guess gives its own count back (the others' guesses stay counted). */
  succeeded(): Promise<void>;
}

/**
 * Slows password guessing: at most `maxPerAccount` guesses per account and `maxPerAddress` per
 * source address are evaluated per window, however they are sent (concurrently, through several API
 * processes, as aliases in one request). Counted in the database.
 */
export class LoginThrottle {
  private calls = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: LoginThrottleSettings = DEFAULT_LOGIN_THROTTLE,
  ) {}

  async attempt(account: string, address: string | null): Promise<LoginAttempt> {
    const { windowSeconds } = this.settings;
    const keys = [{ hash: hashOf(`account:${account}`), max: this.settings.maxPerAccount }];
    if (address) keys.push({ hash: hashOf(`address:${address}`), max: this.settings.maxPerAddress });
    const counts: number[] = [];
    // Taken before the password is checked, never after (check-then-act would let a burst through).
    for (const key of keys) counts.push(await takeFromWindow(this.dataSource, key.hash, windowSeconds));
    this.calls = (this.calls + 1) % 200;
    if (this.calls === 0) await this.forgetOldWindows();
    return {
      allowed: keys.every((key, i) => counts[i] <= key.max),
      succeeded: async () => {
        await this.dataSource.query(
          `UPDATE login_throttle SET attempts = GREATEST(CAST(attempts AS SIGNED) - 1, 0)
            WHERE key_hash IN (${keys.map(() => '?').join(', ')})`,
          keys.map((key) => key.hash),
        );
      },
    };
  }

  /** Windows long past count for nothing: their rows go now and then. */
  private async forgetOldWindows(): Promise<void> {
    await forgetWindowsBefore(this.dataSource, this.settings.windowSeconds);
  }
}
