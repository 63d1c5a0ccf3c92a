import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Two-factor sign-in (#20): TOTP seeds and recovery codes, sessions that proved the second factor, and the admin setting naming the roles that must enrol. */
export class TwoFactorSignIn1796516598805 implements MigrationInterface {
  name = 'TwoFactorSignIn1796516598805';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `security_settings` (`name` varchar(64) NOT NULL, `value` varchar(1000) NOT NULL, `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), PRIMARY KEY (`name`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `user_recovery_codes` (`id` bigint NOT NULL AUTO_INCREMENT, `user_id` bigint NOT NULL, `code_hash` char(64) NOT NULL, `used_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_recovery_code` (`user_id`, `code_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query('ALTER TABLE `users` ADD `totp_secret` varchar(255) NULL');
    await queryRunner.query('ALTER TABLE `users` ADD `totp_enabled_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `users` ADD `totp_last_step` bigint NULL');
    await queryRunner.query('ALTER TABLE `user_sessions` ADD `second_factor_at` datetime(3) NULL');
    await queryRunner.query('ALTER TABLE `user_sessions` ADD `enrolment_only` tinyint NOT NULL DEFAULT 0');
    await queryRunner.query(
      'ALTER TABLE `user_recovery_codes` ADD CONSTRAINT `FK_f659216e26d0ef1238379cbf40c` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `user_recovery_codes` DROP FOREIGN KEY `FK_f659216e26d0ef1238379cbf40c`',
    );
    await queryRunner.query('ALTER TABLE `user_sessions` DROP COLUMN `enrolment_only`');
    await queryRunner.query('ALTER TABLE `user_sessions` DROP COLUMN `second_factor_at`');
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `totp_last_step`');
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `totp_enabled_at`');
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `totp_secret`');
    await queryRunner.query('DROP INDEX `uq_recovery_code` ON `user_recovery_codes`');
    await queryRunner.query('DROP TABLE `user_recovery_codes`');
    await queryRunner.query('DROP TABLE `security_settings`');
  }
}
