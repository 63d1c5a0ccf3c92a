import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The login throttle's counters, shared by every API process (#17.13). */
export class LoginThrottle1796508324761 implements MigrationInterface {
  name = 'LoginThrottle1796508324761';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `login_throttle` (`key_hash` char(64) NOT NULL, `window_started_at` datetime(3) NOT NULL, `attempts` int UNSIGNED NOT NULL, INDEX `ix_login_throttle_window` (`window_started_at`), PRIMARY KEY (`key_hash`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_login_throttle_window` ON `login_throttle`');
    await queryRunner.query('DROP TABLE `login_throttle`');
  }
}
