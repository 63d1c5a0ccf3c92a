import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Asks the worker to have the customer's dunning case look again, when the customer has a case
 * still open (a closed case or none: nothing to tell). One row per customer; `requests` counts
 * the asks, so a drain deletes only what it delivered.
 */
const LOOK = (customer: string) =>
  `INSERT INTO dunning_looks (customer_id, requests)
     SELECT customer_id, 1 FROM dunning_cases WHERE customer_id = ${customer} AND status <> 'CLOSED' LIMIT 1
   ON DUPLICATE KEY UPDATE requests = dunning_looks.requests + 1`;

/** name → CREATE TRIGGER: every write that can pay or clear an overdue item. */
const TRIGGERS: Record<string, string> = {
  // A receipt or credit note (below zero), whoever writes it: the CLI's import, the API, SQL.
  dunning_look_ledger_insert: `AFTER INSERT ON ledger_entries FOR EACH ROW
    BEGIN IF NEW.amount < 0 THEN ${LOOK('NEW.customer_id')}; END IF; END`,
  dunning_look_ledger_update: `AFTER UPDATE ON ledger_entries FOR EACH ROW
    BEGIN
      IF NOT (OLD.amount <=> NEW.amount AND OLD.customer_id <=> NEW.customer_id AND OLD.entry_date <=> NEW.entry_date) THEN
        ${LOOK('NEW.customer_id')};
        IF OLD.customer_id <> NEW.customer_id THEN ${LOOK('OLD.customer_id')}; END IF;
      END IF;
    END`,
  dunning_look_ledger_delete: `AFTER DELETE ON ledger_entries FOR EACH ROW ${LOOK('OLD.customer_id')}`,
  // A clerk applies a receipt to an invoice by hand, or reverses such an application.
  dunning_look_application_insert: `AFTER INSERT ON receivable_applications FOR EACH ROW ${LOOK('NEW.customer_id')}`,
  dunning_look_application_update: `AFTER UPDATE ON receivable_applications FOR EACH ROW ${LOOK('NEW.customer_id')}`,
};

/**
 * Collections (#21): a payment reaches the customer's dunning workflow promptly whoever records
 * it. Writers without a Temporal client (`recon import ledger`, a restore, SQL) leave a row here in
 * their own transaction (triggers); the worker drains it and signals the case
 * (collections/dunning-looks.ts).
 */
export class DunningLooks1796554356093 implements MigrationInterface {
  name = 'DunningLooks1796554356093';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `dunning_looks` (`customer_id` bigint NOT NULL, `requests` bigint NOT NULL DEFAULT 1, PRIMARY KEY (`customer_id`)) ENGINE=InnoDB',
    );
    for (const [name, body] of Object.entries(TRIGGERS))
      await queryRunner.query(`CREATE TRIGGER \`${name}\` ${body}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of Object.keys(TRIGGERS).reverse())
      await queryRunner.query(`DROP TRIGGER IF EXISTS \`${name}\``);
    await queryRunner.query('DROP TABLE `dunning_looks`');
  }
}
