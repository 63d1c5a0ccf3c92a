import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who imported each file and who last saved each mapping template (actor ids, as audit rows name them). */
export class ImportedAndSavedBy1796509000000 implements MigrationInterface {
  name = 'ImportedAndSavedBy1796509000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `import_files` ADD `imported_by` varchar(128) NULL');
    await queryRunner.query('ALTER TABLE `mapping_templates` ADD `saved_by` varchar(128) NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `mapping_templates` DROP COLUMN `saved_by`');
    await queryRunner.query('ALTER TABLE `import_files` DROP COLUMN `imported_by`');
  }
}
