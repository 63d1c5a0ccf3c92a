import type { EntityManager } from 'typeorm';
import { ActorType } from '../contract/enums';

/**
 * The audit actions that are steps of a period's life, as a person tells it (extracted, matched,
 * statement sent, reminded, customer answered, approved, closed). Task bookkeeping and status
 * echoes are left out: they repeat what these say.
 */
export const TIMELINE_ACTIONS = [
  'period.opened',
  'period.extracted',
  'period.matched',
  'period.review_opened',
  'period.rematch_requested',
  'match.manual',
  'match.unmatched',
  'match.suggestion_accepted',
  'match.suggestion_rejected',
  'difference.marked_timing',
  'difference.customer_asked',
  'statement.sent',
  'statement.reminder_sent',
  'statement.escalated',
  'statement.received',
  'statement.imported',
  'statement.replaced',
  'statement.confirmed',
  'statement.disputed',
  'adjustment.proposed',
  'adjustment.approved',
  'adjustment.rejected',
  'adjustment.withdrawn',
  'adjustment.posted',
  'period.closed',
  'period.closed_by_exception',
] as const;

export interface PeriodStep {
  at: Date;
  action: string;
  actorType: ActorType;
  /** A person's display name; for others what they are ("customer", the key's name, "system"). */
  actorName: string;
}

type Row = {
  occurred_at: Date;
  action: string;
  actor_type: ActorType;
  actor_id: string;
  name: string | null;
};

export async function readPeriodTimeline(manager: EntityManager, periodId: string): Promise<PeriodStep[]> {
  const rows = (await manager.query(
    `SELECT e.occurred_at, e.action, e.actor_type, e.actor_id,
            COALESCE(u.display_name, k.name) AS name
       FROM audit_events e
       LEFT JOIN users u ON e.actor_type = ? AND e.actor_id = CONCAT('user:', u.id)
       LEFT JOIN api_keys k ON e.actor_type = ? AND e.actor_id = CONCAT('api-key:', k.id)
      WHERE e.period_id = ? AND e.action IN (${TIMELINE_ACTIONS.map(() => '?').join(',')})
      ORDER BY e.id`,
    [ActorType.USER, ActorType.API_KEY, periodId, ...TIMELINE_ACTIONS],
  )) as Row[];
  return rows.map((row) => ({
    at: row.occurred_at,
    action: row.action,
    actorType: row.actor_type,
    actorName: row.name ?? fallbackName(row.actor_type),
  }));
}

const fallbackName = (type: ActorType) => (type === ActorType.CUSTOMER ? 'customer' : 'system');
