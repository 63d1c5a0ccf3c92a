import { CreatedAtColumn, UpdatedAtColumn } from '../db/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CustomerStatus, PeriodCadence } from './enums';

/** Per-customer settings for the matching engine; validated by matching/ before use. */
export type CustomerRuleSettings = Record<string, unknown>;

/** Confirmation and approval timings/thresholds; durations in seconds so tests can shrink them. */
export interface CustomerWorkflowSettings {
  reminderAfterSeconds: number;
  escalateAfterSeconds: number;
  /** Above this absolute amount an adjustment needs a manager. */
  managerApprovalThreshold: string;
  /** Above this absolute amount an adjustment needs two managers. */
  dualApprovalThreshold: string;
}

export const DEFAULT_WORKFLOW_SETTINGS: CustomerWorkflowSettings = {
  reminderAfterSeconds: 7 * 24 * 3600,
  escalateAfterSeconds: 14 * 24 * 3600,
  managerApprovalThreshold: '10000',
  dualApprovalThreshold: '100000',
};

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
  workflowSettings: CustomerWorkflowSettings | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
