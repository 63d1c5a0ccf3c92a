import { CreatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ImportKind, ImportStatus } from '../contract/enums';

/** A file once imported; its hash makes re-importing the same file a no-op. */
@Entity('import_files')
@Index('uq_import_file', ['customerId', 'kind', 'fileHash'], { unique: true })
export class ImportFile {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ImportKind;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'char', length: 64 })
  fileHash: string;

  @Column({ type: 'int' })
  rowCount: number;

  @Column({ type: 'varchar', length: 16 })
  status: ImportStatus;

  /** Who imported it (an actor id: `user:7`, `api-key:3`, `system:import`); null before this was kept. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  importedBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
