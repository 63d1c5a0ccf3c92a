import { appendAudit } from '../audit/audit-log';
import { DisputedLine } from '../entities/disputed-line.entity';
import { ConfirmationStatus } from '../contract/enums';
import { Money } from '../money/decimal';
import type { EntityManager } from 'typeorm';
import { auditFields, type Actor } from '../contract/actor';
import type { DisputedLineInput } from '../contract/period';
import type { ActivityDeps } from './activity-deps';

export interface CustomerAnswer {
  periodId: string;
  round: number;
  outcome: 'CONFIRMED' | 'DISPUTED';
  actor: Actor;
  comment?: string;
  disputedLines?: DisputedLineInput[];
}

/** Records the customer's confirmation or line-level dispute once (a retry finds it answered). */
export function createRecordCustomerAnswer({ dataSource, now = () => new Date() }: ActivityDeps) {
  return async function recordCustomerAnswer(answer: CustomerAnswer): Promise<void> {
    await dataSource.transaction((manager) => recordCustomerAnswerIn(manager, answer, now()));
  };
}

/** The answer, inside the caller's transaction; an answered round is left as it is. */
export async function recordCustomerAnswerIn(
  manager: EntityManager,
  answer: CustomerAnswer,
  at: Date,
): Promise<void> {
  const [confirmation] = (await manager.query(
    'SELECT CAST(id AS CHAR) AS id, status FROM customer_confirmations WHERE period_id = ? AND round = ? FOR UPDATE',
    [answer.periodId, answer.round],
  )) as Array<{ id: string; status: ConfirmationStatus }>;
  if (!confirmation) throw new Error(`no confirmation round ${answer.round} for period ${answer.periodId}`);
  if (confirmation.status !== ConfirmationStatus.SENT) return;
  const status = answer.outcome === 'CONFIRMED' ? ConfirmationStatus.CONFIRMED : ConfirmationStatus.DISPUTED;
  await manager.query(
    `UPDATE customer_confirmations
            SET status = ?, responded_at = ?, responded_by = ?, comment = ?, updated_at = CURRENT_TIMESTAMP(3)
          WHERE id = ?`,
    [status, at, answer.actor.name ?? answer.actor.id, answer.comment ?? null, confirmation.id],
  );
  const lines = answer.disputedLines ?? [];
  if (lines.length > 0) {
    await manager.getRepository(DisputedLine).insert(
      lines.map((line) => ({
        confirmationId: confirmation.id,
        ledgerEntryId: line.side === 'OURS' ? line.lineId : null,
        statementLineId: line.side === 'THEIRS' ? line.lineId : null,
        comment: line.comment,
        theirAmount: line.theirAmount === undefined ? null : new Money(line.theirAmount),
      })),
    );
  }
  await appendAudit(manager, {
    ...auditFields(answer.actor),
    action: answer.outcome === 'CONFIRMED' ? 'statement.confirmed' : 'statement.disputed',
    entityType: 'confirmation',
    entityId: confirmation.id,
    periodId: answer.periodId,
    before: { status: confirmation.status },
    after: { status, comment: answer.comment ?? null, disputedLines: lines },
  });
}
