import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A customer's exposure version: raised by database triggers, in the writing transaction, whenever
 * something the credit check sums changes (ledger amounts, reported orders, disputed lines, a
 * period's status). A cached exposure read at version N is current while the row still says N.
 */
@Entity('credit_versions')
export class CreditVersion {
  @PrimaryColumn({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'bigint', default: 0 })
  version: string;
}
