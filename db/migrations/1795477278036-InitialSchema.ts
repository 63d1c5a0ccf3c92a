import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The whole domain of DOMAIN.md: generated from the entities, plus the audit log's triggers and chain head. */
export class InitialSchema1795477278036 implements MigrationInterface {
  name = 'InitialSchema1795477278036';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `audit_chain_head` (`id` tinyint NOT NULL, `last_hash` char(64) NOT NULL, `last_event_id` bigint NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    // The audit log is append-only: the database itself refuses edits and deletes.
    await queryRunner.query(
      "CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only'",
    );
    await queryRunner.query(
      "CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_events is append-only'",
    );
    // The chain starts from the all-zero hash.
    await queryRunner.query(
      "INSERT INTO `audit_chain_head` (`id`, `last_hash`, `last_event_id`) VALUES (1, REPEAT('0', 64), NULL)",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER IF EXISTS `audit_events_no_delete`');
    await queryRunner.query('DROP TRIGGER IF EXISTS `audit_events_no_update`');
    await queryRunner.query('DROP TABLE `audit_chain_head`');
  }
}
