import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disputed lines point at real rows (#17.12): foreign keys to the round, our ledger entry and the
 * customer's statement line, and the amount the customer's books show. Rows a probe stored with ids
 * of nothing keep their comment, without the dangling id.
 */
export class DisputedLinesChecked1796490000000 implements MigrationInterface {
  name = 'DisputedLinesChecked1796490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'UPDATE `disputed_lines` d LEFT JOIN `ledger_entries` e ON e.`id` = d.`ledger_entry_id` SET d.`ledger_entry_id` = NULL WHERE d.`ledger_entry_id` IS NOT NULL AND e.`id` IS NULL',
    );
    await queryRunner.query(
      'UPDATE `disputed_lines` d LEFT JOIN `statement_lines` l ON l.`id` = d.`statement_line_id` SET d.`statement_line_id` = NULL WHERE d.`statement_line_id` IS NOT NULL AND l.`id` IS NULL',
    );
    await queryRunner.query('ALTER TABLE `disputed_lines` ADD `their_amount` decimal(20,4) NULL');
    await queryRunner.query(
      'ALTER TABLE `disputed_lines` ADD CONSTRAINT `fk_disputed_confirmation` FOREIGN KEY (`confirmation_id`) REFERENCES `customer_confirmations`(`id`) ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `disputed_lines` ADD CONSTRAINT `fk_disputed_ledger_entry` FOREIGN KEY (`ledger_entry_id`) REFERENCES `ledger_entries`(`id`) ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `disputed_lines` ADD CONSTRAINT `fk_disputed_statement_line` FOREIGN KEY (`statement_line_id`) REFERENCES `statement_lines`(`id`) ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `disputed_lines` DROP FOREIGN KEY `fk_disputed_statement_line`');
    await queryRunner.query('ALTER TABLE `disputed_lines` DROP FOREIGN KEY `fk_disputed_ledger_entry`');
    await queryRunner.query('ALTER TABLE `disputed_lines` DROP FOREIGN KEY `fk_disputed_confirmation`');
    await queryRunner.query('ALTER TABLE `disputed_lines` DROP COLUMN `their_amount`');
  }
}
