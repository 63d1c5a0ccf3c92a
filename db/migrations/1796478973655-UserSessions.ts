import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Browser sessions (cookie sign-in): only each session id's SHA-256 is stored, with its user and expiry. */
export class UserSessions1796478973655 implements MigrationInterface {
  name = 'UserSessions1796478973655';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `user_sessions` (`id_hash` char(64) NOT NULL, `user_id` bigint NOT NULL, `expires_at` datetime(3) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_user_session_expiry` (`expires_at`), INDEX `ix_user_session_user` (`user_id`), PRIMARY KEY (`id_hash`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'ALTER TABLE `user_sessions` ADD CONSTRAINT `FK_e9658e959c490b0a634dfc54783` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `user_sessions` DROP FOREIGN KEY `FK_e9658e959c490b0a634dfc54783`');
    await queryRunner.query('DROP INDEX `ix_user_session_user` ON `user_sessions`');
    await queryRunner.query('DROP INDEX `ix_user_session_expiry` ON `user_sessions`');
    await queryRunner.query('DROP TABLE `user_sessions`');
  }
}
