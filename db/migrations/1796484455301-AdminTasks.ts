import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AdminTasks1796484455301 implements MigrationInterface {
  name = 'AdminTasks1796484455301';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `admin_tasks` (`id` bigint NOT NULL AUTO_INCREMENT, `idempotency_key` varchar(160) NOT NULL, `kind` varchar(32) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'OPEN', `title` varchar(300) NOT NULL, `detail` text NOT NULL, `resolved_by` varchar(64) NULL, `resolved_at` datetime(3) NULL, `outcome` varchar(1000) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_admin_task_status` (`status`, `created_at`), UNIQUE INDEX `uq_admin_task_key` (`idempotency_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_admin_task_key` ON `admin_tasks`');
    await queryRunner.query('DROP INDEX `ix_admin_task_status` ON `admin_tasks`');
    await queryRunner.query('DROP TABLE `admin_tasks`');
  }
}
