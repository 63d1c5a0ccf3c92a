import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An integrator's key: looked up by its public prefix, verified against a hash; never stored in clear. */
@Entity('api_keys')
@Index('uq_api_key_prefix', ['prefix'], { unique: true })
export class ApiKey {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 24 })
  prefix: string;

  /** sha256 of the full key (keys are 256-bit random, so a fast hash is enough). */
  @Column({ type: 'char', length: 64 })
  keyHash: string;

  @Column({ type: 'json' })
  scopes: string[];

  @Column({ type: 'bigint', nullable: true })
  createdBy: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
