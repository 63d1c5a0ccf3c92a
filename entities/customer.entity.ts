import { CreatedAtColumn, UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CustomerStatus, PeriodCadence } from '../contract/enums';
import type { PeriodSettings } from '../contract/period';

/** Per-customer settings for the matching engine; validated by matching/ before use. */
export type CustomerRuleSettings = Record<string, unknown>;

@Entity('customers')
@Index('uq_customer_code', ['code'], { unique: true })
@Index('ix_customer_status', ['status'])
export class Customer {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Business key, used in workflow ids (recon-<code>-<YYYY-MM>). */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 16, default: CustomerStatus.ACTIVE })
  status: CustomerStatus;

  @Column({ type: 'varchar', length: 16, default: PeriodCadence.MONTHLY })
  cadence: PeriodCadence;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ type: 'varchar', length: 8, default: 'zh-CN' })
  locale: string;

  @Column({ type: 'json', nullable: true })
  ruleSettings: CustomerRuleSettings | null;

  @Column({ type: 'json', nullable: true })
  /** What this customer overrides of its periods' settings (the rest follow DEFAULT_PERIOD_SETTINGS). */
  workflowSettings: Partial<PeriodSettings> | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
