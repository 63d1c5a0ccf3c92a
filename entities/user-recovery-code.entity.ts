import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A two-factor recovery code: shown once at enrolment, stored as its SHA-256 (the codes are 80
 * random bits, so a fast hash is enough), used at most once (`usedAt`).
 */
@Entity('user_recovery_codes')
@Index('uq_recovery_code', ['userId', 'codeHash'], { unique: true })
export class UserRecoveryCode {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'char', length: 64 })
  codeHash: string;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
