import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StatementsReplacedAndLineFiles1796480941466 implements MigrationInterface {
  name = 'StatementsReplacedAndLineFiles1796480941466';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `customer_statements` ADD `replaced_by_id` bigint NULL');
    await queryRunner.query('ALTER TABLE `statement_lines` ADD `import_file_id` bigint NULL');
    // Several statements of one range: extraction used to take the latest silently. Say so in the
    // data: the earlier ones are replaced by the latest, which is what the periods reconciled.
    await queryRunner.query(
      'UPDATE `customer_statements` s JOIN (SELECT customer_id, period_start, period_end, MAX(id) AS keep_id ' +
        'FROM `customer_statements` GROUP BY customer_id, period_start, period_end HAVING COUNT(*) > 1) d ' +
        'ON d.customer_id = s.customer_id AND d.period_start = s.period_start AND d.period_end = s.period_end ' +
        'SET s.replaced_by_id = d.keep_id WHERE s.id <> d.keep_id',
    );
    await queryRunner.query(
      'UPDATE `statement_lines` l JOIN `customer_statements` s ON s.id = l.statement_id ' +
        'SET l.import_file_id = s.import_file_id WHERE s.import_file_id IS NOT NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `statement_lines` DROP COLUMN `import_file_id`');
    await queryRunner.query('ALTER TABLE `customer_statements` DROP COLUMN `replaced_by_id`');
  }
}
