import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A customer's dunning case should look again (a payment, a credit note, a clerk's application, a
 * changed or deleted entry): written by database triggers in the writing transaction, so writers
 * without a Temporal client count too; the worker drains it (collections/dunning-looks.ts).
 * `requests` counts the asks, so a drain deletes only what it delivered.
 */
@Entity('dunning_looks')
export class DunningLook {
  @PrimaryColumn({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'bigint', default: 1 })
  requests: string;
}
