import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The whole domain of DOMAIN.md: generated from the entities, plus the audit log's triggers and chain head. */
export class InitialSchema1795477300183 implements MigrationInterface {
  name = 'InitialSchema1795477300183';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `adjustments` (`id` bigint NOT NULL AUTO_INCREMENT, `period_id` bigint NOT NULL, `difference_id` bigint NULL, `kind` varchar(24) NOT NULL DEFAULT 'ADJUSTMENT', `amount` decimal(20,4) NOT NULL, `currency` char(3) NOT NULL, `entry_date` date NOT NULL, `reason` varchar(1000) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'PROPOSED', `proposed_by` bigint NOT NULL, `required_approvals` tinyint NOT NULL DEFAULT '1', `requires_manager` tinyint NOT NULL DEFAULT 0, `rejection_reason` varchar(1000) NULL, `posted_ledger_entry_id` bigint NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', INDEX `ix_adjustment_period_status` (`period_id`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `adjustment_approvals` (`id` bigint NOT NULL AUTO_INCREMENT, `adjustment_id` bigint NOT NULL, `approver_id` bigint NOT NULL, `decision` varchar(8) NOT NULL, `comment` varchar(1000) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_approval_approver` (`adjustment_id`, `approver_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `api_keys` (`id` bigint NOT NULL AUTO_INCREMENT, `name` varchar(100) NOT NULL, `prefix` varchar(24) NOT NULL, `key_hash` char(64) NOT NULL, `scopes` json NOT NULL, `created_by` bigint NULL, `revoked_at` datetime(3) NULL, `last_used_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_api_key_prefix` (`prefix`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `audit_chain_head` (`id` tinyint NOT NULL, `last_hash` char(64) NOT NULL, `last_event_id` bigint NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `audit_events` (`id` bigint NOT NULL AUTO_INCREMENT, `occurred_at` datetime(3) NOT NULL, `actor_type` varchar(16) NOT NULL, `actor_id` varchar(128) NOT NULL, `action` varchar(64) NOT NULL, `entity_type` varchar(40) NOT NULL, `entity_id` varchar(64) NOT NULL, `period_id` bigint NULL, `before_state` json NULL, `after_state` json NULL, `prev_hash` char(64) NOT NULL, `hash` char(64) NOT NULL, INDEX `ix_audit_period` (`period_id`), INDEX `ix_audit_entity` (`entity_type`, `entity_id`), UNIQUE INDEX `uq_audit_hash` (`hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `customers` (`id` bigint NOT NULL AUTO_INCREMENT, `code` varchar(32) NOT NULL, `name` varchar(200) NOT NULL, `currency` char(3) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'ACTIVE', `cadence` varchar(16) NOT NULL DEFAULT 'MONTHLY', `contact_email` varchar(254) NULL, `locale` varchar(8) NOT NULL DEFAULT 'zh-CN', `rule_settings` json NULL, `workflow_settings` json NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', INDEX `ix_customer_status` (`status`), UNIQUE INDEX `uq_customer_code` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `customer_confirmations` (`id` bigint NOT NULL AUTO_INCREMENT, `period_id` bigint NOT NULL, `round` int NOT NULL DEFAULT '1', `status` varchar(16) NOT NULL DEFAULT 'PENDING', `balance` decimal(20,4) NOT NULL, `link_token_hash` char(64) NULL, `sent_at` datetime(3) NULL, `responded_at` datetime(3) NULL, `responded_by` varchar(200) NULL, `comment` varchar(2000) NULL, `reminders_sent` int NOT NULL DEFAULT '0', `escalated_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_confirmation_round` (`period_id`, `round`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `customer_statements` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NOT NULL, `period_start` date NOT NULL, `period_end` date NOT NULL, `currency` char(3) NOT NULL, `opening_balance` decimal(20,4) NOT NULL, `closing_balance` decimal(20,4) NOT NULL, `source` varchar(16) NOT NULL, `source_ref` varchar(128) NOT NULL, `import_file_id` bigint NULL, `line_count` int NOT NULL DEFAULT '0', `received_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_statement_period` (`customer_id`, `period_start`), UNIQUE INDEX `uq_statement_source` (`customer_id`, `source_ref`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `differences` (`id` bigint NOT NULL AUTO_INCREMENT, `period_id` bigint NOT NULL, `match_run` int NOT NULL, `difference_key` varchar(96) NOT NULL, `kind` varchar(24) NOT NULL, `amount` decimal(20,4) NOT NULL, `our_ids` json NOT NULL, `their_ids` json NOT NULL, `explanation` varchar(1000) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'OPEN', `resolution` varchar(1000) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX `ix_difference_period_status` (`period_id`, `status`), UNIQUE INDEX `uq_difference_key` (`period_id`, `match_run`, `difference_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `disputed_lines` (`id` bigint NOT NULL AUTO_INCREMENT, `confirmation_id` bigint NOT NULL, `ledger_entry_id` bigint NULL, `statement_line_id` bigint NULL, `comment` varchar(2000) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_disputed_confirmation` (`confirmation_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `import_files` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NOT NULL, `kind` varchar(16) NOT NULL, `file_name` varchar(255) NOT NULL, `file_hash` char(64) NOT NULL, `row_count` int NOT NULL, `status` varchar(16) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_import_file` (`customer_id`, `kind`, `file_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `ledger_entries` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NOT NULL, `source` varchar(32) NOT NULL, `external_id` varchar(128) NOT NULL, `entry_date` date NOT NULL, `doc_no` varchar(64) NULL, `reference` varchar(128) NULL, `description` varchar(512) NULL, `kind` varchar(24) NOT NULL, `amount` decimal(20,4) NOT NULL, `currency` char(3) NOT NULL, `import_file_id` bigint NULL, `adjustment_id` bigint NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_ledger_customer_doc` (`customer_id`, `doc_no`), INDEX `ix_ledger_customer_date` (`customer_id`, `entry_date`), UNIQUE INDEX `uq_ledger_source` (`source`, `external_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `mapping_templates` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NULL, `name` varchar(100) NOT NULL, `definition` json NOT NULL, `version` int NOT NULL DEFAULT '1', `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_template_name` (`customer_id`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `match_group_members` (`id` bigint NOT NULL AUTO_INCREMENT, `group_id` bigint NOT NULL, `side` varchar(8) NOT NULL, `ledger_entry_id` bigint NULL, `statement_line_id` bigint NULL, `amount` decimal(20,4) NOT NULL, INDEX `ix_member_statement_line` (`statement_line_id`), INDEX `ix_member_ledger` (`ledger_entry_id`), INDEX `ix_member_group` (`group_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `match_groups` (`id` bigint NOT NULL AUTO_INCREMENT, `period_id` bigint NOT NULL, `match_run` int NOT NULL, `group_key` varchar(96) NOT NULL, `rule` varchar(40) NOT NULL, `confidence` decimal(5,4) NOT NULL, `state` varchar(16) NOT NULL, `residual` decimal(20,4) NOT NULL, `evidence` varchar(1000) NOT NULL, `decided_by` varchar(128) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_match_group_period_state` (`period_id`, `state`), UNIQUE INDEX `uq_match_group_key` (`period_id`, `match_run`, `group_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `reconciliation_periods` (`id` bigint NOT NULL AUTO_INCREMENT, `customer_id` bigint NOT NULL, `period_start` date NOT NULL, `period_end` date NOT NULL, `workflow_id` varchar(128) NOT NULL, `status` varchar(24) NOT NULL DEFAULT 'OPEN', `currency` char(3) NOT NULL, `our_opening_balance` decimal(20,4) NULL, `our_closing_balance` decimal(20,4) NULL, `their_opening_balance` decimal(20,4) NULL, `their_closing_balance` decimal(20,4) NULL, `unexplained_amount` decimal(20,4) NULL, `bridge_tied` tinyint NOT NULL DEFAULT 0, `statement_id` bigint NULL, `match_run` int NOT NULL DEFAULT '0', `bridge` json NULL, `match_stats` json NULL, `closed_at` datetime(3) NULL, `closed_by` varchar(128) NULL, `close_reason` varchar(1000) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', INDEX `ix_period_customer_start` (`customer_id`, `period_start`), INDEX `ix_period_status_customer` (`status`, `customer_id`), UNIQUE INDEX `uq_period_range` (`customer_id`, `period_start`, `period_end`), UNIQUE INDEX `uq_period_workflow` (`workflow_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `statement_lines` (`id` bigint NOT NULL AUTO_INCREMENT, `statement_id` bigint NOT NULL, `line_no` int NOT NULL, `external_id` varchar(128) NOT NULL, `txn_date` date NOT NULL, `doc_no` varchar(64) NULL, `reference` varchar(128) NULL, `description` varchar(512) NULL, `kind` varchar(24) NOT NULL, `amount` decimal(20,4) NOT NULL, `currency` char(3) NOT NULL, UNIQUE INDEX `uq_statement_line` (`statement_id`, `external_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `tasks` (`id` bigint NOT NULL AUTO_INCREMENT, `period_id` bigint NOT NULL, `workflow_id` varchar(128) NOT NULL, `idempotency_key` varchar(160) NOT NULL, `queue` varchar(16) NOT NULL, `type` varchar(24) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'OPEN', `title` varchar(300) NOT NULL, `difference_id` bigint NULL, `match_group_id` bigint NULL, `adjustment_id` bigint NULL, `assignee_id` bigint NULL, `claimed_at` datetime(3) NULL, `due_at` datetime(3) NOT NULL, `priority` smallint NOT NULL DEFAULT '0', `outcome` varchar(1000) NULL, `completed_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `version` int NOT NULL DEFAULT '1', INDEX `ix_task_period` (`period_id`), INDEX `ix_task_assignee_status` (`assignee_id`, `status`), INDEX `ix_task_queue_status_due` (`queue`, `status`, `due_at`), UNIQUE INDEX `uq_task_idempotency` (`idempotency_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `users` (`id` bigint NOT NULL AUTO_INCREMENT, `email` varchar(254) NOT NULL, `display_name` varchar(200) NOT NULL, `role` varchar(16) NOT NULL, `password_hash` varchar(255) NULL, `active` tinyint NOT NULL DEFAULT 1, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_user_email` (`email`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'ALTER TABLE `match_group_members` ADD CONSTRAINT `FK_70010b57407fde737664e4ef5ff` FOREIGN KEY (`group_id`) REFERENCES `match_groups`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
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
    await queryRunner.query(
      'ALTER TABLE `match_group_members` DROP FOREIGN KEY `FK_70010b57407fde737664e4ef5ff`',
    );
    await queryRunner.query('DROP INDEX `uq_user_email` ON `users`');
    await queryRunner.query('DROP TABLE `users`');
    await queryRunner.query('DROP INDEX `uq_task_idempotency` ON `tasks`');
    await queryRunner.query('DROP INDEX `ix_task_queue_status_due` ON `tasks`');
    await queryRunner.query('DROP INDEX `ix_task_assignee_status` ON `tasks`');
    await queryRunner.query('DROP INDEX `ix_task_period` ON `tasks`');
    await queryRunner.query('DROP TABLE `tasks`');
    await queryRunner.query('DROP INDEX `uq_statement_line` ON `statement_lines`');
    await queryRunner.query('DROP TABLE `statement_lines`');
    await queryRunner.query('DROP INDEX `uq_period_workflow` ON `reconciliation_periods`');
    await queryRunner.query('DROP INDEX `uq_period_range` ON `reconciliation_periods`');
    await queryRunner.query('DROP INDEX `ix_period_status_customer` ON `reconciliation_periods`');
    await queryRunner.query('DROP INDEX `ix_period_customer_start` ON `reconciliation_periods`');
    await queryRunner.query('DROP TABLE `reconciliation_periods`');
    await queryRunner.query('DROP INDEX `uq_match_group_key` ON `match_groups`');
    await queryRunner.query('DROP INDEX `ix_match_group_period_state` ON `match_groups`');
    await queryRunner.query('DROP TABLE `match_groups`');
    await queryRunner.query('DROP INDEX `ix_member_group` ON `match_group_members`');
    await queryRunner.query('DROP INDEX `ix_member_ledger` ON `match_group_members`');
    await queryRunner.query('DROP INDEX `ix_member_statement_line` ON `match_group_members`');
    await queryRunner.query('DROP TABLE `match_group_members`');
    await queryRunner.query('DROP INDEX `uq_template_name` ON `mapping_templates`');
    await queryRunner.query('DROP TABLE `mapping_templates`');
    await queryRunner.query('DROP INDEX `uq_ledger_source` ON `ledger_entries`');
    await queryRunner.query('DROP INDEX `ix_ledger_customer_date` ON `ledger_entries`');
    await queryRunner.query('DROP INDEX `ix_ledger_customer_doc` ON `ledger_entries`');
    await queryRunner.query('DROP TABLE `ledger_entries`');
    await queryRunner.query('DROP INDEX `uq_import_file` ON `import_files`');
    await queryRunner.query('DROP TABLE `import_files`');
    await queryRunner.query('DROP INDEX `ix_disputed_confirmation` ON `disputed_lines`');
    await queryRunner.query('DROP TABLE `disputed_lines`');
    await queryRunner.query('DROP INDEX `uq_difference_key` ON `differences`');
    await queryRunner.query('DROP INDEX `ix_difference_period_status` ON `differences`');
    await queryRunner.query('DROP TABLE `differences`');
    await queryRunner.query('DROP INDEX `uq_statement_source` ON `customer_statements`');
    await queryRunner.query('DROP INDEX `ix_statement_period` ON `customer_statements`');
    await queryRunner.query('DROP TABLE `customer_statements`');
    await queryRunner.query('DROP INDEX `uq_confirmation_round` ON `customer_confirmations`');
    await queryRunner.query('DROP TABLE `customer_confirmations`');
    await queryRunner.query('DROP INDEX `uq_customer_code` ON `customers`');
    await queryRunner.query('DROP INDEX `ix_customer_status` ON `customers`');
    await queryRunner.query('DROP TABLE `customers`');
    await queryRunner.query('DROP INDEX `uq_audit_hash` ON `audit_events`');
    await queryRunner.query('DROP INDEX `ix_audit_entity` ON `audit_events`');
    await queryRunner.query('DROP INDEX `ix_audit_period` ON `audit_events`');
    await queryRunner.query('DROP TABLE `audit_events`');
    await queryRunner.query('DROP TABLE `audit_chain_head`');
    await queryRunner.query('DROP INDEX `uq_api_key_prefix` ON `api_keys`');
    await queryRunner.query('DROP TABLE `api_keys`');
    await queryRunner.query('DROP INDEX `uq_approval_approver` ON `adjustment_approvals`');
    await queryRunner.query('DROP TABLE `adjustment_approvals`');
    await queryRunner.query('DROP INDEX `ix_adjustment_period_status` ON `adjustments`');
    await queryRunner.query('DROP TABLE `adjustments`');
  }
}
