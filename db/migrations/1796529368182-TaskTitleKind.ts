import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task's title as data (kind + parameters), so the web app words it in zh or en; the English
 * `title` stays for integrators and for tasks written before (kind null). Nullable columns added
 * at the end: MariaDB adds them instantly, without copying the tasks table.
 */
export class TaskTitleKind1796529368182 implements MigrationInterface {
  name = 'TaskTitleKind1796529368182';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `tasks` ADD `title_kind` varchar(32) NULL');
    await queryRunner.query('ALTER TABLE `tasks` ADD `title_params` json NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `tasks` DROP COLUMN `title_params`');
    await queryRunner.query('ALTER TABLE `tasks` DROP COLUMN `title_kind`');
  }
}
