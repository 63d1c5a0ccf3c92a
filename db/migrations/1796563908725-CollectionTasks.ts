import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Collections (#21): a dunning case's work is a task in the queue (a collector's COLLECTION task, a
 * manager's DUNNING_ESCALATION). Such a task answers to a customer and its dunning case, not to a
 * period: `period_id` may be null, and `customer_id` says whose it is then.
 */
export class CollectionTasks1796563908725 implements MigrationInterface {
  name = 'CollectionTasks1796563908725';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `tasks` MODIFY `period_id` bigint NULL, ADD `customer_id` bigint NULL, ADD `dunning_case_id` bigint NULL, ADD INDEX `ix_task_dunning_case` (`dunning_case_id`, `status`), ADD INDEX `ix_task_customer` (`customer_id`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM `tasks` WHERE `period_id` IS NULL');
    await queryRunner.query(
      'ALTER TABLE `tasks` DROP INDEX `ix_task_customer`, DROP INDEX `ix_task_dunning_case`, DROP `dunning_case_id`, DROP `customer_id`, MODIFY `period_id` bigint NOT NULL',
    );
  }
}
