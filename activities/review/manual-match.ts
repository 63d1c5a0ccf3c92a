import { auditFields } from '../../contract/actor';
import { createHash } from 'node:crypto';
import { In, Like, type EntityManager } from 'typeorm';
import { appendAudit } from '../../audit/audit-log';
import { Difference } from '../../entities/difference.entity';
import { DifferenceStatus, MatchGroupState, MatchSide } from '../../contract/enums';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { MatchGroup } from '../../entities/match-group.entity';
import { MatchGroupMember } from '../../entities/match-group-member.entity';
import type { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { StatementLine } from '../../entities/statement-line.entity';
import { formatMoney, sumMoney } from '../../money/decimal';
import { PeriodRejection, type ManualMatchRequest, type UnmatchRequest } from '../../contract/period';
import type { ActivityDeps } from '../activity-deps';
import { closeTasksFor } from './close-tasks';
import { refuse } from './review-failure';
import { differencesTouching } from './differences-of-lines';
import { lockReviewablePeriod } from './reviewable-period';

const ACTIVE = [MatchGroupState.APPLIED, MatchGroupState.MANUAL];

/**
 * A manual group's key, unique within its run: the lines it joins (hashed when the list is long, so
 * two long lists never share a truncated key), then `#2`, `#3`… when the same lines were matched by
 * hand before in this run and unmatched since (that group stays, UNMATCHED, under the plain key).
 */
async function freshManualKey(
  manager: EntityManager,
  period: ReconciliationPeriod,
  request: ManualMatchRequest,
): Promise<string> {
  const lines = `${[...request.ledgerEntryIds].sort().join('+')}|${[...request.statementLineIds].sort().join('+')}`;
  const base = `manual:${lines.length <= 64 ? lines : createHash('sha256').update(lines).digest('hex').slice(0, 40)}`;
  const used = new Set(
    (
      await manager.getRepository(MatchGroup).find({
        select: { groupKey: true },
        where: { periodId: period.id, matchRun: period.matchRun, groupKey: Like(`${base}%`) },
      })
    ).map((g) => g.groupKey),
  );
  let key = base;
  for (let n = 2; used.has(key); n += 1) key = `${base}#${n}`;
  return key;
}

/** A clerk matches lines by hand: they must belong to this period and not already be matched. */
export function createMatchManually({ dataSource }: ActivityDeps) {
  return async function matchManually(request: ManualMatchRequest & { periodId: string }): Promise<string> {
    return dataSource.transaction(async (manager) => {
      const period = await lockReviewablePeriod(manager, request.periodId);
      const ours = request.ledgerEntryIds.length
        ? await manager
            .getRepository(LedgerEntry)
            .findBy({ id: In(request.ledgerEntryIds), customerId: period.customerId })
        : [];
      if (ours.length !== new Set(request.ledgerEntryIds).size)
        refuse(PeriodRejection.NOT_FOUND, 'a ledger entry is not this customer’s');
      // The period names its statement: its lines are read by that id (no read of the statement row).
      const theirs =
        request.statementLineIds.length && period.statementId
          ? await manager
              .getRepository(StatementLine)
              .findBy({ id: In(request.statementLineIds), statementId: period.statementId })
          : [];
      if (theirs.length !== new Set(request.statementLineIds).size) {
        refuse(PeriodRejection.NOT_FOUND, 'a statement line is not on this period’s statement');
      }
      const taken = await manager
        .getRepository(MatchGroupMember)
        .createQueryBuilder('m')
        .innerJoin(MatchGroup, 'g', 'g.id = m.groupId')
        .where('g.periodId = :periodId AND g.matchRun = :run AND g.state IN (:...active)', {
          periodId: period.id,
          run: period.matchRun,
          active: ACTIVE,
        })
        .andWhere('(m.ledgerEntryId IN (:...ours) OR m.statementLineId IN (:...theirs))', {
          ours: request.ledgerEntryIds.length ? request.ledgerEntryIds : ['-1'],
          theirs: request.statementLineIds.length ? request.statementLineIds : ['-1'],
        })
        .getCount();
      if (taken > 0) refuse(PeriodRejection.WRONG_STATE, 'a line is already matched; unmatch it first');

      const residual = sumMoney(theirs.map((l) => l.amount)).minus(sumMoney(ours.map((e) => e.amount)));
      const group = await manager.getRepository(MatchGroup).save({
        periodId: period.id,
        matchRun: period.matchRun,
        groupKey: await freshManualKey(manager, period, request),
        rule: 'MANUAL',
        confidence: '1.0000',
        state: MatchGroupState.MANUAL,
        residual,
        evidence: `matched by ${request.actor.name ?? request.actor.id}: ${request.note}`.slice(0, 1000),
        decidedBy: request.actor.id,
      });
      await manager.getRepository(MatchGroupMember).insert([
        ...ours.map((e) => ({
          groupId: group.id,
          side: MatchSide.OURS,
          ledgerEntryId: e.id,
          statementLineId: null,
          amount: e.amount,
        })),
        ...theirs.map((l) => ({
          groupId: group.id,
          side: MatchSide.THEIRS,
          ledgerEntryId: null,
          statementLineId: l.id,
          amount: l.amount,
        })),
      ]);
      const differences = await manager
        .getRepository(Difference)
        .findBy({ periodId: period.id, matchRun: period.matchRun, status: DifferenceStatus.OPEN });
      const resolved = differencesTouching(differences, request).map((d) => d.id);
      if (resolved.length) {
        await manager.getRepository(Difference).update(resolved, {
          status: DifferenceStatus.RESOLVED,
          resolution: `matched by hand (group ${group.id}, residual ${formatMoney(residual)})`,
        });
      }
      await closeTasksFor(
        manager,
        period.id,
        { differenceIds: resolved },
        `matched by hand in group ${group.id}`,
      );
      await appendAudit(manager, {
        ...auditFields(request.actor),
        action: 'match.manual',
        entityType: 'match_group',
        entityId: group.id,
        periodId: period.id,
        after: {
          ledgerEntryIds: request.ledgerEntryIds,
          statementLineIds: request.statementLineIds,
          residual: residual.toFixed(),
          note: request.note,
        },
      });
      return group.id;
    });
  };
}

/** Undoes a match: its lines are held out of automatic matching until matched by hand. */
export function createUnmatchGroup({ dataSource }: ActivityDeps) {
  return async function unmatchGroup(request: UnmatchRequest & { periodId: string }): Promise<string> {
    return dataSource.transaction(async (manager) => {
      const period = await lockReviewablePeriod(manager, request.periodId);
      const group = await manager.getRepository(MatchGroup).findOne({
        where: { id: request.groupId, periodId: period.id, matchRun: period.matchRun },
        lock: { mode: 'pessimistic_write' },
      });
      if (!group)
        refuse(PeriodRejection.NOT_FOUND, `no match group ${request.groupId} in this period's latest run`);
      if (!ACTIVE.includes(group.state)) refuse(PeriodRejection.WRONG_STATE, `group is ${group.state}`);
      await manager
        .getRepository(MatchGroup)
        .update({ id: group.id }, { state: MatchGroupState.UNMATCHED, decidedBy: request.actor.id });
      await appendAudit(manager, {
        ...auditFields(request.actor),
        action: 'match.unmatched',
        entityType: 'match_group',
        entityId: group.id,
        periodId: period.id,
        before: { state: group.state },
        after: { state: MatchGroupState.UNMATCHED, reason: request.reason },
      });
      return group.id;
    });
  };
}
