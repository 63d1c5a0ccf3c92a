import type { MigrationInterface, QueryRunner } from 'typeorm';

const BUMP = (customer: string) =>
  `INSERT INTO credit_versions (customer_id, version) VALUES (${customer}, 1) ON DUPLICATE KEY UPDATE version = version + 1`;

/** The customer of a confirmation (its period's), for disputed lines. */
const BUMP_BY_CONFIRMATION = (confirmation: string) =>
  `INSERT INTO credit_versions (customer_id, version)
     SELECT rp.customer_id, 1 FROM customer_confirmations cc JOIN reconciliation_periods rp ON rp.id = cc.period_id
      WHERE cc.id = ${confirmation}
   ON DUPLICATE KEY UPDATE version = credit_versions.version + 1`;

/** name → CREATE TRIGGER: every write that changes what the credit check sums raises the customer's version. */
const TRIGGERS: Record<string, string> = {
  credit_version_ledger_insert: `AFTER INSERT ON ledger_entries FOR EACH ROW ${BUMP('NEW.customer_id')}`,
  credit_version_ledger_update: `AFTER UPDATE ON ledger_entries FOR EACH ROW
    BEGIN
      IF NOT (OLD.amount <=> NEW.amount AND OLD.currency <=> NEW.currency AND OLD.customer_id <=> NEW.customer_id) THEN
        ${BUMP('NEW.customer_id')};
        IF OLD.customer_id <> NEW.customer_id THEN ${BUMP('OLD.customer_id')}; END IF;
      END IF;
    END`,
  credit_version_ledger_delete: `AFTER DELETE ON ledger_entries FOR EACH ROW ${BUMP('OLD.customer_id')}`,
  credit_version_order_insert: `AFTER INSERT ON credit_open_orders FOR EACH ROW ${BUMP('NEW.customer_id')}`,
  credit_version_order_update: `AFTER UPDATE ON credit_open_orders FOR EACH ROW
    BEGIN
      ${BUMP('NEW.customer_id')};
      IF OLD.customer_id <> NEW.customer_id THEN ${BUMP('OLD.customer_id')}; END IF;
    END`,
  credit_version_order_delete: `AFTER DELETE ON credit_open_orders FOR EACH ROW ${BUMP('OLD.customer_id')}`,
  credit_version_dispute_insert: `AFTER INSERT ON disputed_lines FOR EACH ROW ${BUMP_BY_CONFIRMATION('NEW.confirmation_id')}`,
  credit_version_dispute_update: `AFTER UPDATE ON disputed_lines FOR EACH ROW
    BEGIN
      ${BUMP_BY_CONFIRMATION('NEW.confirmation_id')};
      IF OLD.confirmation_id <> NEW.confirmation_id THEN ${BUMP_BY_CONFIRMATION('OLD.confirmation_id')}; END IF;
    END`,
  credit_version_dispute_delete: `AFTER DELETE ON disputed_lines FOR EACH ROW ${BUMP_BY_CONFIRMATION('OLD.confirmation_id')}`,
  // A closed period's disputes no longer count.
  credit_version_period_update: `AFTER UPDATE ON reconciliation_periods FOR EACH ROW
    BEGIN
      IF NOT (OLD.status <=> NEW.status AND OLD.customer_id <=> NEW.customer_id) THEN
        ${BUMP('NEW.customer_id')};
        IF OLD.customer_id <> NEW.customer_id THEN ${BUMP('OLD.customer_id')}; END IF;
      END IF;
    END`,
  credit_version_confirmation_update: `AFTER UPDATE ON customer_confirmations FOR EACH ROW
    BEGIN
      IF OLD.period_id <> NEW.period_id THEN
        INSERT INTO credit_versions (customer_id, version)
          SELECT customer_id, 1 FROM reconciliation_periods WHERE id IN (OLD.period_id, NEW.period_id)
        ON DUPLICATE KEY UPDATE version = credit_versions.version + 1;
      END IF;
    END`,
};

/**
 * Credit (#21): a version per customer that the database raises in the same transaction as any
 * change to the customer's exposure (triggers: every writer is covered, imports, the API, the
 * worker's activities, a restore). The credit check caches the summed exposure in memory and
 * reads only this row (by primary key) to know whether its copy is still current.
 */
export class CreditVersions1796540882770 implements MigrationInterface {
  name = 'CreditVersions1796540882770';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `credit_versions` (`customer_id` bigint NOT NULL, `version` bigint NOT NULL DEFAULT 0, PRIMARY KEY (`customer_id`)) ENGINE=InnoDB',
    );
    for (const [name, body] of Object.entries(TRIGGERS))
      await queryRunner.query(`CREATE TRIGGER \`${name}\` ${body}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of Object.keys(TRIGGERS).reverse())
      await queryRunner.query(`DROP TRIGGER IF EXISTS \`${name}\``);
    await queryRunner.query('DROP TABLE `credit_versions`');
  }
}
