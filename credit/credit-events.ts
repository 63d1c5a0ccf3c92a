// Over-limit and hold changes: audited (the `creditEvents` subscription follows the audit log) and
// published as webhooks, in the transaction of the change.
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { SYSTEM_ACTORS } from '../contract/actor';
import { publishEvent } from '../webhooks/publish-event';
import { exposureOf } from './credit-check';
import type { CustomerCreditPosition } from './credit-position';

/** Audit entity type of every credit event (actions `credit.*`). */
export const CREDIT_ENTITY = 'credit';

export async function recordHoldChange(
  manager: EntityManager,
  customer: { id: string; code: string },
  onHold: boolean,
  reason: string | null,
  actor: Actor,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await appendAudit(manager, {
    ...auditFields(actor),
    action: onHold ? 'credit.hold_placed' : 'credit.hold_released',
    entityType: CREDIT_ENTITY,
    entityId: customer.id,
    before: { onHold: !onHold },
    after: { customerCode: customer.code, onHold, reason, ...extra },
  });
  await publishEvent(
    manager,
    'credit.hold_changed',
    { customerCode: customer.code, onHold, reason, by: actor.id },
    `credit:${customer.id}:hold:${onHold}:${Date.now()}`,
  );
}

/**
 * Notes a crossing of the limit that a read found (exposure without any new order): the first
 * reader to see it flips `over_limit_since` with a conditional UPDATE and publishes; everyone else,
 * and every later read while nothing crosses back, writes nothing. Returns whether it published.
 */
export async function noteLimitCrossing(
  dataSource: DataSource,
  position: CustomerCreditPosition,
): Promise<boolean> {
  if (position.limit === null) return false;
  const { exposure } = exposureOf(position);
  const over = exposure.gt(position.limit);
  if (over === (position.overLimitSince !== null)) return false;
  return dataSource.transaction(async (manager) => {
    const result = (await manager.query(
      over
        ? 'UPDATE credit_limits SET over_limit_since = UTC_TIMESTAMP(3) WHERE customer_id = ? AND currency = ? AND over_limit_since IS NULL'
        : 'UPDATE credit_limits SET over_limit_since = NULL WHERE customer_id = ? AND currency = ? AND over_limit_since IS NOT NULL',
      [position.customerId, position.currency],
    )) as { affectedRows: number };
    if (result.affectedRows !== 1) return false;
    const data = {
      customerCode: position.customerCode,
      currency: position.currency,
      over,
      limit: position.limit!.toFixed(),
      exposure: exposure.toFixed(),
    };
    await appendAudit(manager, {
      ...auditFields(SYSTEM_ACTORS.creditCheck),
      action: over ? 'credit.over_limit' : 'credit.within_limit',
      entityType: CREDIT_ENTITY,
      entityId: position.customerId,
      before: null,
      after: data,
    });
    await publishEvent(
      manager,
      'credit.over_limit',
      data,
      `credit:${position.customerId}:${position.currency}:${over ? 'over' : 'within'}:${Date.now()}`,
    );
    return true;
  });
}
