import { auditFields } from '../../contract/actor';
import { appendAudit } from '../../audit/audit-log';
import { Difference } from '../../entities/difference.entity';
import { DifferenceStatus, MatchGroupState } from '../../contract/enums';
import { MatchGroup } from '../../entities/match-group.entity';
import { PeriodRejection, type SuggestionDecision } from '../../contract/period';
import type { ActivityDeps } from '../activity-deps';
import { closeTasksFor } from './close-tasks';
import { refuse } from './review-failure';
import { differencesCoveredBy } from './differences-of-lines';
import { lockReviewablePeriod } from './reviewable-period';

type Decision = SuggestionDecision & { periodId: string };

/**
 * A clerk's answer to a suggested match. Accepted, it becomes a MANUAL group (kept by every later
 * re-match) and the differences it explains are resolved; rejected, it is set aside.
 */
export function createDecideSuggestion({ dataSource }: ActivityDeps) {
  return async function decideSuggestion(decision: Decision & { accept: boolean }): Promise<string> {
    return dataSource.transaction(async (manager) => {
      const period = await lockReviewablePeriod(manager, decision.periodId);
      const group = await manager.getRepository(MatchGroup).findOne({
        where: { id: decision.groupId, periodId: period.id, matchRun: period.matchRun },
        relations: { members: true },
        lock: { mode: 'pessimistic_write' },
      });
      if (!group)
        refuse(PeriodRejection.NOT_FOUND, `no match group ${decision.groupId} in this period's latest run`);
      if (group.state !== MatchGroupState.SUGGESTED)
        refuse(PeriodRejection.WRONG_STATE, `group is ${group.state}, not a suggestion`);
      const state = decision.accept ? MatchGroupState.MANUAL : MatchGroupState.REJECTED;
      await manager
        .getRepository(MatchGroup)
        .update({ id: group.id }, { state, decidedBy: decision.actor.id });
      let resolved: string[] = [];
      if (decision.accept) {
        const members = group.members ?? [];
        const differences = await manager
          .getRepository(Difference)
          .findBy({ periodId: period.id, matchRun: period.matchRun, status: DifferenceStatus.OPEN });
        resolved = differencesCoveredBy(differences, {
          ledgerEntryIds: members.flatMap((m) => (m.ledgerEntryId ? [m.ledgerEntryId] : [])),
          statementLineIds: members.flatMap((m) => (m.statementLineId ? [m.statementLineId] : [])),
        }).map((d) => d.id);
        if (resolved.length) {
          await manager.getRepository(Difference).update(resolved, {
            status: DifferenceStatus.RESOLVED,
            resolution: `matched by ${decision.actor.name ?? decision.actor.id}`,
          });
        }
      }
      const outcome = decision.accept
        ? 'suggestion accepted'
        : `suggestion rejected: ${decision.reason ?? ''}`;
      await closeTasksFor(
        manager,
        period.id,
        { matchGroupIds: [group.id], differenceIds: resolved },
        outcome,
      );
      await appendAudit(manager, {
        ...auditFields(decision.actor),
        action: decision.accept ? 'match.suggestion_accepted' : 'match.suggestion_rejected',
        entityType: 'match_group',
        entityId: group.id,
        periodId: period.id,
        before: { state: group.state },
        after: { state, reason: decision.reason ?? null, resolvedDifferences: resolved },
      });
      return group.id;
    });
  };
}
