import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

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

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Takes one guess from a key's allowance and answers how many the window has taken, itself
 * included. One statement, so concurrent guesses (from any API process) each get their own number:
 * the counter is taken before the password is checked, never after (check-then-act would let a
 * burst through). A window that has passed starts again at 1. LAST_INSERT_ID(expr) hands this
 * statement's own count back on the same connection.
 */
async function take(dataSource: DataSource, keyHash: string, windowSeconds: number): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO login_throttle (key_hash, window_started_at, attempts)
       VALUES (?, UTC_TIMESTAMP(3), LAST_INSERT_ID(1))
       ON DUPLICATE KEY UPDATE
         attempts = LAST_INSERT_ID(IF(window_started_at <= UTC_TIMESTAMP(3) - INTERVAL ? SECOND, 1, attempts + 1)),
         window_started_at = IF(window_started_at <= UTC_TIMESTAMP(3) - INTERVAL ? SECOND, UTC_TIMESTAMP(3), window_started_at)`,
      [keyHash, windowSeconds, windowSeconds],
    );
    const [row] = (await manager.query('SELECT LAST_INSERT_ID() AS n')) as Array<{ n: string | number }>;
    return Number(row.n);
  });
}

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
    for (const key of keys) counts.push(await take(this.dataSource, key.hash, windowSeconds));
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
    await this.dataSource.query(
      'DELETE FROM login_throttle WHERE window_started_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND LIMIT 1000',
      [this.settings.windowSeconds],
    );
  }
}
