import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The short confirmation link (`/c/<code>`, hashed) and the expiry of the round's link it rebuilds. */
export class ConfirmationShortLink1796518633689 implements MigrationInterface {
  name = 'ConfirmationShortLink1796518633689';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `customer_confirmations` ADD `short_code_hash` char(64) NULL');
    await queryRunner.query('ALTER TABLE `customer_confirmations` ADD `link_expires_at` datetime(3) NULL');
    await queryRunner.query(
      'CREATE UNIQUE INDEX `uq_confirmation_short_code` ON `customer_confirmations` (`short_code_hash`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_confirmation_short_code` ON `customer_confirmations`');
    await queryRunner.query('ALTER TABLE `customer_confirmations` DROP COLUMN `link_expires_at`');
    await queryRunner.query('ALTER TABLE `customer_confirmations` DROP COLUMN `short_code_hash`');
  }
}
