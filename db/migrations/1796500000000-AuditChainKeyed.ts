import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain is keyed from here on (#17.14): events already written keep their unkeyed
 * SHA-256 and still verify, up to the id recorded here; every later event is HMAC-SHA256 with
 * AUDIT_CHAIN_KEY. Signed checkpoints outside the database record this boundary, so raising it
 * to pass forged events off as old ones is detected.
 */
export class AuditChainKeyed1796500000000 implements MigrationInterface {
  name = 'AuditChainKeyed1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `audit_chain_head` ADD `legacy_through_event_id` bigint NULL');
    await queryRunner.query(
      'UPDATE `audit_chain_head` SET `legacy_through_event_id` = `last_event_id` WHERE `id` = 1',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `audit_chain_head` DROP COLUMN `legacy_through_event_id`');
  }
}
