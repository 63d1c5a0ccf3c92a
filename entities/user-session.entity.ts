import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A signed-in browser (cookie session). The browser holds a random id in an http-only cookie; only
 * its SHA-256 is stored, so a database reader cannot take over a session. Signing out deletes it.
 */
@Entity('user_sessions')
@Index('ix_user_session_user', ['userId'])
@Index('ix_user_session_expiry', ['expiresAt'])
export class UserSession {
  /** sha256 (hex) of the cookie's session id. */
  @PrimaryColumn({ type: 'char', length: 64 })
  idHash: string;

  @Column({ type: 'bigint' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt: Date;

  /** When this session last proved the second factor (sign-in or step-up); null: never. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  secondFactorAt: Date | null;

  /**
   * A user whose role requires two-factor sign-in but who has not enrolled: the session may only
   * enrol (auth/policy.ts refuses everything else) until enrolment completes.
   */
  @Column({ type: 'boolean', default: false })
  enrolmentOnly: boolean;

  @CreatedAtColumn()
  createdAt: Date;
}
