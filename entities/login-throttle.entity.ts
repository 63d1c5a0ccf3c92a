import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Password guesses counted per account and per source address, shared by every API process
 * (users/login-throttle.ts). Keyed by a hash, so the table holds no e-mail or address.
 */
@Entity('login_throttle')
@Index('ix_login_throttle_window', ['windowStartedAt'])
export class LoginThrottleCounter {
  /** sha256 (hex) of "account:<email>" or "address:<ip>". */
  @PrimaryColumn({ type: 'char', length: 64 })
  keyHash: string;

  /** When this key's current window began (UTC). */
  @Column({ type: 'datetime', precision: 3 })
  windowStartedAt: Date;

  /** Guesses taken in the window, not counting those that turned out right. */
  @Column({ type: 'int', unsigned: true })
  attempts: number;
}
