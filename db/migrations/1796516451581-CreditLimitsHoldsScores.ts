import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Credit (#21): limits per customer and currency, the hold flag and latest class, scores' history, requests to a manager, integrators' open orders. */
export class CreditLimitsHoldsScores1796516451581 implements MigrationInterface {
  name = 'CreditLimitsHoldsScores1796516451581';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `credit_limits` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NOT NULL, `currency` char(3) NOT NULL, `amount` decimal(20,4) NOT NULL, `set_by` varchar(128) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_credit_limit` (`customer_id`, `currency`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `credit_open_orders` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NOT NULL, `order_ref` varchar(64) NOT NULL, `currency` char(3) NOT NULL, `amount` decimal(20,4) NOT NULL, `reported_by` varchar(128) NOT NULL, `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX `ix_credit_order_currency` (`customer_id`, `currency`), UNIQUE INDEX `uq_credit_order` (`customer_id`, `order_ref`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `credit_profiles` (`customer_id` bigint NOT NULL, `on_hold` tinyint NOT NULL DEFAULT 0, `hold_reason` varchar(500) NULL, `hold_changed_by` varchar(128) NULL, `hold_changed_at` datetime(3) NULL, `risk_class` char(1) NULL, `score` int NULL, `scored_on` date NULL, `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX `ix_credit_profile_class` (`risk_class`), PRIMARY KEY (`customer_id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `credit_requests` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NOT NULL, `kind` varchar(16) NOT NULL, `currency` char(3) NULL, `amount` decimal(20,4) NULL, `reason` varchar(500) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'PENDING', `requested_by` varchar(128) NOT NULL, `decided_by` varchar(128) NULL, `decided_at` datetime(3) NULL, `decision_note` varchar(500) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_credit_request_customer` (`customer_id`, `status`), INDEX `ix_credit_request_status` (`status`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `credit_scores` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NOT NULL, `scored_on` date NOT NULL, `score` int NOT NULL, `risk_class` char(1) NOT NULL, `components` json NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_credit_score_day` (`scored_on`), UNIQUE INDEX `uq_credit_score_day` (`customer_id`, `scored_on`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_credit_score_day` ON `credit_scores`');
    await queryRunner.query('DROP INDEX `ix_credit_score_day` ON `credit_scores`');
    await queryRunner.query('DROP TABLE `credit_scores`');
    await queryRunner.query('DROP INDEX `ix_credit_request_status` ON `credit_requests`');
    await queryRunner.query('DROP INDEX `ix_credit_request_customer` ON `credit_requests`');
    await queryRunner.query('DROP TABLE `credit_requests`');
    await queryRunner.query('DROP INDEX `ix_credit_profile_class` ON `credit_profiles`');
    await queryRunner.query('DROP TABLE `credit_profiles`');
    await queryRunner.query('DROP INDEX `uq_credit_order` ON `credit_open_orders`');
    await queryRunner.query('DROP INDEX `ix_credit_order_currency` ON `credit_open_orders`');
    await queryRunner.query('DROP TABLE `credit_open_orders`');
    await queryRunner.query('DROP INDEX `uq_credit_limit` ON `credit_limits`');
    await queryRunner.query('DROP TABLE `credit_limits`');
  }
}
