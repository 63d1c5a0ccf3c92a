import { createHash, createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditEvent } from '../entities/audit-event.entity';
import type { ActorType } from '../contract/enums';
import { auditChainKey } from './chain-key';
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

/**
 * An event's hash: HMAC-SHA256 keyed with AUDIT_CHAIN_KEY, which the database never holds, so
 * write access to the database is not enough to rewrite an event and recompute its successors.
 */
export function chainHash(prevHash: string, payload: string, key: string = auditChainKey()): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(payload).digest('hex');
}

/**
 * The unkeyed SHA-256 of events written before the chain was keyed (ids up to the chain head's
 * `legacy_through_event_id`, set once by the migration that keyed it): they still verify.
 */
export function legacyChainHash(prevHash: string, payload: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

/**
 * Appends one event to the chain, inside the caller's transaction so the event and the change
 * it records commit together. The chain head row is locked so appends are strictly ordered.
 */
export async function appendAudit(manager: EntityManager, entry: AuditEntry): Promise<AuditEvent> {
  const [event] = await appendAudits(manager, [entry]);
  return event;
}

const EVENT_COLUMNS =
  'occurred_at, actor_type, actor_id, action, entity_type, entity_id, period_id, before_state, after_state, prev_hash, hash';

/**
 * Appends events in order, in three statements however many: the head read under lock, one
 * multi-row INSERT, the head moved on. Plain SQL: every step of every period audits, and the ORM's
 * save cost several times the statements themselves. Ids are consecutive from the INSERT's first:
 * one statement of known size, while the chain lock keeps every other append waiting.
 */
export async function appendAudits(manager: EntityManager, entries: AuditEntry[]): Promise<AuditEvent[]> {
  if (entries.length === 0) return [];
  if (!manager.queryRunner?.isTransactionActive) {
    return manager.transaction((inner) => appendAudits(inner, entries));
  }
  const [head] = (await manager.query(
    'SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE',
  )) as Array<{
    last_hash: string;
  }>;
  if (!head) throw new Error('the audit chain has no head row (migrations not run?)');
  let prevHash = head.last_hash;
  const key = auditChainKey();
  const events = entries.map((entry) => {
    const event = new AuditEvent();
    // Millisecond precision: exactly what DATETIME(3) stores, so verification recomputes the same hash.
    event.occurredAt = new Date(Math.floor((entry.occurredAt ?? new Date()).getTime()));
    event.actorType = entry.actorType;
    event.actorId = entry.actorId;
    event.action = entry.action;
    event.entityType = entry.entityType;
    event.entityId = entry.entityId;
    event.periodId = entry.periodId ?? null;
    event.beforeState = entry.before ?? null;
    event.afterState = entry.after ?? null;
    event.prevHash = prevHash;
    event.hash = prevHash = chainHash(prevHash, auditPayload(event), key);
    return event;
  });
  const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value));
  const inserted = (await manager.query(
    `INSERT INTO audit_events (${EVENT_COLUMNS}) VALUES ${events.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    events.flatMap((e) => [
      e.occurredAt,
      e.actorType,
      e.actorId,
      e.action,
      e.entityType,
      e.entityId,
      e.periodId,
      json(e.beforeState),
      json(e.afterState),
      e.prevHash,
      e.hash,
    ]),
  )) as { insertId: number | string };
  const firstId = BigInt(inserted.insertId);
  events.forEach((event, i) => (event.id = String(firstId + BigInt(i))));
  const last = events[events.length - 1];
  await manager.query('UPDATE audit_chain_head SET last_hash = ?, last_event_id = ? WHERE id = 1', [
    last.hash,
    last.id,
  ]);
  return events;
}
