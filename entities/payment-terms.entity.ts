import { CreatedAtColumn, UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { TermsKind } from '../contract/credit/enums';

/** One instalment of instalment terms, as stored. */
export interface StoredInstalment {
  percent: string;
  days: number;
  monthEnd: boolean;
}

/** A named payment-terms rule (付款条件) customers are given: net N, month end + N (月结N天), instalments. */
@Entity('payment_terms')
@Index('uq_payment_terms_code', ['code'], { unique: true })
export class PaymentTerms {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: TermsKind;

  /** NET and MONTH_END: days after the invoice date or its month end. */
  @Column({ type: 'int', default: 0 })
  days: number;

  /** INSTALMENTS: the parts, in order (validated by credit/terms.ts before it is saved). */
  @Column({ type: 'json', nullable: true })
  instalments: StoredInstalment[] | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
