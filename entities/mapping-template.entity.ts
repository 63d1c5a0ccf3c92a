import { CreatedAtColumn, UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** How one customer's (or one ERP's) file layout maps onto statement lines; see imports/. */
@Entity('mapping_templates')
@Index('uq_template_name', ['customerId', 'name'], { unique: true })
export class MappingTemplate {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Null for a template shared by every customer (e.g. one ERP's export). */
  @Column({ type: 'bigint', nullable: true })
  customerId: string | null;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'json' })
  definition: Record<string, unknown>;

  @Column({ type: 'int', default: 1 })
  version: number;

  /** Who saved this version (an actor id); null before this was kept. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  savedBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
