import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { UserRole } from '../contract/enums';

@Entity('users')
@Index('uq_user_email', ['email'], { unique: true })
export class User {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  role: UserRole;

  /** scrypt hash ("scrypt$salt$hash"); null for users who sign in elsewhere. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * The TOTP seed, sealed under a key derived from AUTH_TOKEN_SECRET (auth/secret-box.ts): set by
   * an enrolment that has begun, in force once `totpEnabledAt` is set.
   */
  @Column({ type: 'varchar', length: 255, nullable: true, select: false })
  totpSecret: string | null;

  /** When the user confirmed their authenticator: two-factor sign-in is on from then. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  totpEnabledAt: Date | null;

  /** The last time step a code was accepted for: a code works once. */
  @Column({ type: 'bigint', nullable: true, select: false })
  totpLastStep: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
