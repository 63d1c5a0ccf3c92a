import type { DataSource } from 'typeorm';
import { AuditEvent } from '../entities/audit-event.entity';

export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  actorId?: string | null;
  action?: string | null;
  periodId?: string | null;
  /** Occurred at or after. */
  from?: Date | null;
  /** Occurred before. */
  to?: Date | null;
}

/** The log newest first, keyset-paged on id (ids only grow, so pages never shift). */
export async function findAuditEvents(
  dataSource: DataSource,
  filter: AuditFilter,
  first: number,
  beforeId?: string,
): Promise<{ events: AuditEvent[]; hasNextPage: boolean }> {
  const query = dataSource
    .getRepository(AuditEvent)
    .createQueryBuilder('a')
    .orderBy('a.id', 'DESC')
    .limit(first + 1);
  if (beforeId) query.andWhere('a.id < :beforeId', { beforeId });
  if (filter.entityType) query.andWhere('a.entityType = :entityType', { entityType: filter.entityType });
  if (filter.entityId) query.andWhere('a.entityId = :entityId', { entityId: filter.entityId });
  if (filter.actorId) query.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
  if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
  if (filter.periodId) query.andWhere('a.periodId = :periodId', { periodId: filter.periodId });
  if (filter.from) query.andWhere('a.occurredAt >= :from', { from: filter.from });
  if (filter.to) query.andWhere('a.occurredAt < :to', { to: filter.to });
  const rows = await query.getMany();
  return { events: rows.slice(0, first), hasNextPage: rows.length > first };
}
