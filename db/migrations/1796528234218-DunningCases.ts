import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Collections (#21): dunning cases per customer and cycle, their letters (one per level), promises to pay, disputes, escalations. */
export class DunningCases1796528234218 implements MigrationInterface {
  name = 'DunningCases1796528234218';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `dunning_cases` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NOT NULL, `cycle` date NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'ACTIVE', `close_reason` varchar(16) NULL, `workflow_id` varchar(128) NOT NULL, `escalated_at` datetime(3) NULL, `closed_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX `ix_dunning_case_status` (`status`, `customer_id`), UNIQUE INDEX `uq_dunning_case_cycle` (`customer_id`, `cycle`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `dunning_disputes` (`id` bigint NOT NULL AUTO_INCREMENT, `case_id` bigint NOT NULL, `customer_id` bigint NOT NULL, `reason` varchar(1000) NOT NULL, `amount` decimal(20,4) NULL, `status` varchar(16) NOT NULL DEFAULT 'OPEN', `opened_by` varchar(128) NOT NULL, `outcome` varchar(16) NULL, `resolution_note` varchar(1000) NULL, `resolved_by` varchar(128) NULL, `resolved_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_dunning_dispute_case` (`case_id`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `dunning_escalations` (`id` bigint NOT NULL AUTO_INCREMENT, `case_id` bigint NOT NULL, `customer_id` bigint NOT NULL, `level` smallint NOT NULL, `escalation_key` varchar(64) NOT NULL, `reason` varchar(300) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_dunning_escalation_key` (`case_id`, `escalation_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `dunning_letters` (`id` bigint NOT NULL AUTO_INCREMENT, `case_id` bigint NOT NULL, `customer_id` bigint NOT NULL, `cycle` date NOT NULL, `level` smallint NOT NULL, `tone` varchar(16) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'PENDING', `message_id` varchar(160) NOT NULL, `as_of` date NOT NULL, `currency` char(3) NOT NULL, `total_overdue` decimal(20,4) NOT NULL, `document` json NOT NULL, `sent_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_dunning_letter_case` (`case_id`, `level`), UNIQUE INDEX `uq_dunning_letter_level` (`customer_id`, `cycle`, `level`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `dunning_promises` (`id` bigint NOT NULL AUTO_INCREMENT, `case_id` bigint NOT NULL, `customer_id` bigint NOT NULL, `promised_date` date NOT NULL, `amount` decimal(20,4) NULL, `overdue_then` decimal(20,4) NOT NULL, `currency` char(3) NOT NULL, `note` varchar(1000) NULL, `status` varchar(16) NOT NULL DEFAULT 'OPEN', `recorded_on` date NOT NULL, `recorded_by` varchar(128) NOT NULL, `received` decimal(20,4) NULL, `settled_on` date NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_dunning_promise_settled` (`settled_on`, `status`), INDEX `ix_dunning_promise_case` (`case_id`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `dunning_promises`');
    await queryRunner.query('DROP TABLE `dunning_letters`');
    await queryRunner.query('DROP TABLE `dunning_escalations`');
    await queryRunner.query('DROP TABLE `dunning_disputes`');
    await queryRunner.query('DROP TABLE `dunning_cases`');
  }
}
