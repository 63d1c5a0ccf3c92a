import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Maker-checker compares actor ids ("user:7", "api-key:3"), which are text, not numbers. Keeps existing rows. */
export class ActorIdsAsText1795478895016 implements MigrationInterface {
  name = 'ActorIdsAsText1795478895016';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `adjustments` MODIFY `proposed_by` varchar(128) NOT NULL');
    await queryRunner.query('ALTER TABLE `adjustment_approvals` MODIFY `approver_id` varchar(128) NOT NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `adjustment_approvals` MODIFY `approver_id` bigint NOT NULL');
    await queryRunner.query('ALTER TABLE `adjustments` MODIFY `proposed_by` bigint NOT NULL');
  }
}
