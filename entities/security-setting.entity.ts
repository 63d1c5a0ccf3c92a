import { UpdatedAtColumn } from './columns/timestamp-columns';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Installation-wide security settings an admin changes in the app (name → JSON value). */
@Entity('security_settings')
export class SecuritySetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  /** JSON. */
  @Column({ type: 'varchar', length: 1000 })
  value: string;

  @UpdatedAtColumn()
  updatedAt: Date;
}
