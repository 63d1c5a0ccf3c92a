import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Credit (#21): when a limit was first found exceeded (for its over-limit event), and the limit a score suggests. */
export class CreditLimitCrossingAndSuggestion1796517095835 implements MigrationInterface {
  name = 'CreditLimitCrossingAndSuggestion1796517095835';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `credit_limits` ADD `over_limit_since` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `credit_scores` ADD `suggested_limit` decimal(20,4) NULL');
    await queryRunner.query('ALTER TABLE `credit_scores` ADD `suggested_currency` char(3) NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `credit_scores` DROP COLUMN `suggested_currency`');
    await queryRunner.query('ALTER TABLE `credit_scores` DROP COLUMN `suggested_limit`');
    await queryRunner.query('ALTER TABLE `credit_limits` DROP COLUMN `over_limit_since`');
  }
}
