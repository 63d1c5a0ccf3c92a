import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A statement's lines in date order straight from an index: the period page reads a side's first
 * lines by (txn_date, id) and stops after a page; without it each read sorted all the statement's
 * lines (5,000 in the web benchmark) and worked out every line's match group before the sort.
 */
export class StatementLineDateIndex1796590266489 implements MigrationInterface {
  name = 'StatementLineDateIndex1796590266489';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `ix_statement_line_date` ON `statement_lines` (`statement_id`, `txn_date`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_statement_line_date` ON `statement_lines`');
  }
}
