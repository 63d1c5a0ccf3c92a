import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment terms (a catalogue, with the usual net and month-end terms to start from), which terms each
 * customer has from when, and clerks' hand applications of receipts to invoices (#21).
 */
export class ReceivablesAndTerms1796482910292 implements MigrationInterface {
  name = 'ReceivablesAndTerms1796482910292';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `customer_payment_terms` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NOT NULL, `terms_id` bigint NOT NULL, `effective_from` date NOT NULL, `assigned_by` varchar(128) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_customer_terms_from` (`customer_id`, `effective_from`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `payment_terms` (`id` bigint NOT NULL AUTO_INCREMENT, `code` varchar(32) NOT NULL, `name` varchar(200) NOT NULL, `kind` varchar(16) NOT NULL, `days` int NOT NULL DEFAULT '0', `instalments` json NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', UNIQUE INDEX `uq_payment_terms_code` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `receivable_applications` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NOT NULL, `credit_entry_id` bigint NOT NULL, `debit_entry_id` bigint NOT NULL, `amount` decimal(20,4) NOT NULL, `applied_by` varchar(128) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `reversed_at` datetime(3) NULL, `reversed_by` varchar(128) NULL, INDEX `ix_application_debit` (`debit_entry_id`), INDEX `ix_application_credit` (`credit_entry_id`), INDEX `ix_application_customer` (`customer_id`, `reversed_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "INSERT INTO `payment_terms` (`code`, `name`, `kind`, `days`) VALUES ('NET30', '票后30天 Net 30', 'NET', 30), ('NET60', '票后60天 Net 60', 'NET', 60), ('EOM30', '月结30天 Month end + 30', 'MONTH_END', 30), ('EOM60', '月结60天 Month end + 60', 'MONTH_END', 60)",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_application_customer` ON `receivable_applications`');
    await queryRunner.query('DROP INDEX `ix_application_credit` ON `receivable_applications`');
    await queryRunner.query('DROP INDEX `ix_application_debit` ON `receivable_applications`');
    await queryRunner.query('DROP TABLE `receivable_applications`');
    await queryRunner.query('DROP INDEX `uq_payment_terms_code` ON `payment_terms`');
    await queryRunner.query('DROP TABLE `payment_terms`');
    await queryRunner.query('DROP INDEX `uq_customer_terms_from` ON `customer_payment_terms`');
    await queryRunner.query('DROP TABLE `customer_payment_terms`');
  }
}
