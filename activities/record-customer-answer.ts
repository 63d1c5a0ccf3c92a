import { appendAudit } from '../audit/audit-log';
import { CustomerConfirmation } from '../entities/customer-confirmation.entity';
import { DisputedLine } from '../entities/disputed-line.entity';
import { ActorType, ConfirmationStatus } from '../entities/enums';
import type { Actor, DisputedLineInput } from '../workflows/period.messages';
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
    await dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(CustomerConfirmation);
      const confirmation = await repository.findOne({
        where: { periodId: answer.periodId, round: answer.round },
        lock: { mode: 'pessimistic_write' },
      });
      if (!confirmation)
        throw new Error(`no confirmation round ${answer.round} for period ${answer.periodId}`);
      if (confirmation.status !== ConfirmationStatus.SENT) return;
      const status =
        answer.outcome === 'CONFIRMED' ? ConfirmationStatus.CONFIRMED : ConfirmationStatus.DISPUTED;
      await repository.update(
        { id: confirmation.id },
        {
          status,
          respondedAt: now(),
          respondedBy: answer.actor.name ?? answer.actor.id,
          comment: answer.comment ?? null,
        },
      );
      const lines = answer.disputedLines ?? [];
      if (lines.length > 0) {
        await manager.getRepository(DisputedLine).insert(
          lines.map((line) => ({
            confirmationId: confirmation.id,
            ledgerEntryId: line.side === 'OURS' ? line.lineId : null,
            statementLineId: line.side === 'THEIRS' ? line.lineId : null,
            comment: line.comment,
          })),
        );
      }
      await appendAudit(manager, {
        actorType: answer.actor.role === 'CUSTOMER' ? ActorType.CUSTOMER : ActorType.USER,
        actorId: answer.actor.id,
        action: answer.outcome === 'CONFIRMED' ? 'statement.confirmed' : 'statement.disputed',
        entityType: 'confirmation',
        entityId: confirmation.id,
        periodId: answer.periodId,
        before: { status: confirmation.status },
        after: { status, comment: answer.comment ?? null, disputedLines: lines },
      });
    });
  };
}
