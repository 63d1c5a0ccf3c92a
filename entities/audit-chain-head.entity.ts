import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A single row holding the newest hash of the audit chain. Appenders lock it (SELECT … FOR UPDATE)
 * so that concurrent events chain one after another, never off the same predecessor.
 */
@Entity('audit_chain_head')
export class AuditChainHead {
  @PrimaryColumn({ type: 'tinyint' })
  id: number;

  @Column({ type: 'char', length: 64 })
  lastHash: string;

  @Column({ type: 'bigint', nullable: true })
  lastEventId: string | null;

  /**
   * Events up to this id were chained with unkeyed SHA-256, before the chain was keyed; later ones
   * with HMAC. Set once by a migration; every checkpoint records it, so moving it is detected.
   */
  @Column({ type: 'bigint', nullable: true })
  legacyThroughEventId: string | null;
}
