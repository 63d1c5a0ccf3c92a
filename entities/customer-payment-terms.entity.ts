import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Which terms a customer has from a date on. An invoice takes the terms in force on its date, so a
 * change of terms never moves the due dates of invoices already issued.
 */
@Entity('customer_payment_terms')
@Index('uq_customer_terms_from', ['customerId', 'effectiveFrom'], { unique: true })
export class CustomerPaymentTerms {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'bigint' })
  termsId: string;

  @Column({ type: 'date' })
  effectiveFrom: string;

  /** Actor id of who assigned them. */
  @Column({ type: 'varchar', length: 128 })
  assignedBy: string;

  @CreatedAtColumn()
  createdAt: Date;
}
