import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditChainHead } from '../entities/audit-chain-head.entity';
import { AuditEvent } from '../entities/audit-event.entity';
import type { ActorType } from '../entities/enums';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actorType: ActorType;
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  periodId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  occurredAt?: Date;
}

/** The text that is hashed: every field of the event except its own hash and id. */
export function auditPayload(event: Omit<AuditEvent, 'id' | 'hash'>): string {
  return canonicalJson({
    occurredAt: event.occurredAt.toISOString(),
    actorType: event.actorType,
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    periodId: event.periodId ?? null,
    before: event.beforeState ?? null,
    after: event.afterState ?? null,
  });
}

export function chainHash(prevHash: string, payload: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

/**
 * Appends one event to the chain, inside the caller's transaction so the event and the change
 * it records commit together. The chain head row is locked so appends are strictly ordered.
 */
export async function appendAudit(manager: EntityManager, entry: AuditEntry): Promise<AuditEvent> {
  if (!manager.queryRunner?.isTransactionActive) {
    return manager.transaction((inner) => appendAudit(inner, entry));
  }
  const head = await manager
    .getRepository(AuditChainHead)
    .createQueryBuilder('head')
    .setLock('pessimistic_write')
    .where('head.id = 1')
    .getOneOrFail();
  // Millisecond precision: exactly what DATETIME(3) stores, so verification recomputes the same hash.
  const occurredAt = new Date(Math.floor((entry.occurredAt ?? new Date()).getTime()));
  const event = manager.getRepository(AuditEvent).create({
    occurredAt,
    actorType: entry.actorType,
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    periodId: entry.periodId ?? null,
    beforeState: entry.before ?? null,
    afterState: entry.after ?? null,
    prevHash: head.lastHash,
  });
  event.hash = chainHash(head.lastHash, auditPayload(event));
  const saved = await manager.getRepository(AuditEvent).save(event);
  await manager
    .getRepository(AuditChainHead)
    .update({ id: 1 }, { lastHash: saved.hash, lastEventId: saved.id });
  return saved;
}
