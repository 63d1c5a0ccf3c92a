import { Context, heartbeat } from '@temporalio/activity';
import type { EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { Difference } from '../entities/difference.entity';
import { ActorType, DifferenceKind, DifferenceStatus, MatchGroupState, MatchSide } from '../entities/enums';
import { MatchGroup } from '../entities/match-group.entity';
import { MatchGroupMember } from '../entities/match-group-member.entity';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { Money } from '../money/decimal';
import type { MatchSummary } from '../workflows/period.messages';
import type { ActivityDeps } from './activity-deps';
import { loadPeriodWithCustomer } from './load-period';
import { loadEngineInput } from './match/load-engine-input';
import { engineSubProblem, mergeCarried } from './match/carry-decisions';
import { loadCarriedDecisions } from './match/load-carried-decisions';
import { runEngine, type EngineGroup, type EngineOutcome } from './match/run-engine';

const CHUNK = 1000;

/** Differences that need no clerk: a tolerated residual is explained by the rule that accepted it. */
const SELF_EXPLAINED: ReadonlySet<string> = new Set([DifferenceKind.TOLERANCE]);

/**
 * Runs the matching engine over the period's two sides and persists groups, differences and the
 * bridge as run `matchRun`. Idempotent: if that run is already stored (a retry after commit), it
 * returns the stored summary instead of matching again.
 */
export function createMatchPeriod({ dataSource }: ActivityDeps) {
  return async function matchPeriod({
    periodId,
    matchRun,
  }: {
    periodId: string;
    matchRun: number;
  }): Promise<MatchSummary> {
    const { period, customer } = await loadPeriodWithCustomer(dataSource.manager, periodId);
    if (period.matchRun >= matchRun) return storedSummary(dataSource.manager, period);

    // Local activities (small periods) cannot heartbeat; regular ones report progress per page.
    const isLocal = Context.current().info.isLocal;
    const input = await loadEngineInput(dataSource.manager, period, customer, (rowsRead) => {
      if (!isLocal) heartbeat({ rowsRead });
    });
    const carried = await loadCarriedDecisions(dataSource.manager, period);
    const outcome = mergeCarried(input, runEngine(engineSubProblem(input, carried)), carried);

    return dataSource.transaction(async (manager) => {
      const locked = await manager
        .getRepository(ReconciliationPeriod)
        .findOneOrFail({ where: { id: periodId }, lock: { mode: 'pessimistic_write' } });
      if (locked.matchRun >= matchRun) return storedSummary(manager, locked);
      await persistGroups(manager, periodId, matchRun, [
        ...outcome.groups.map((group) => ({ group, state: MatchGroupState.APPLIED })),
        ...outcome.suggestions.map((group) => ({ group, state: MatchGroupState.SUGGESTED })),
        ...carried.manualGroups.map((group) => ({ group, state: MatchGroupState.MANUAL })),
        ...carried.heldGroups.map((group) => ({ group, state: MatchGroupState.UNMATCHED })),
      ]);
      const differences = await persistDifferences(manager, periodId, matchRun, outcome);
      await manager.query(
        `UPDATE reconciliation_periods
            SET match_run = ?, bridge_tied = ?, unexplained_amount = ?, bridge = ?, match_stats = ?, version = version + 1
          WHERE id = ?`,
        [
          matchRun,
          outcome.bridge.tied,
          new Money(outcome.bridge.unexplained).toFixed(),
          JSON.stringify(outcome.bridge),
          JSON.stringify(outcome.stats),
          periodId,
        ],
      );
      const summary = summarise(matchRun, outcome, differences, carried.manualGroups.length);
      await appendAudit(manager, {
        actorType: ActorType.SYSTEM,
        actorId: 'recon-workflow',
        action: 'period.matched',
        entityType: 'period',
        entityId: periodId,
        periodId,
        after: { ...summary },
      });
      return summary;
    });
  };
}

function summarise(
  matchRun: number,
  outcome: EngineOutcome,
  differences: Array<{ status: DifferenceStatus }>,
  manualGroups: number,
): MatchSummary {
  return {
    matchRun,
    groups: outcome.groups.length + outcome.suggestions.length + manualGroups,
    autoApplied: outcome.groups.length,
    suggestions: outcome.suggestions.length,
    differences: differences.length,
    openDifferences: differences.filter((d) => d.status === DifferenceStatus.OPEN).length,
    tied: outcome.bridge.tied,
    unexplained: outcome.bridge.unexplained,
  };
}

async function persistGroups(
  manager: EntityManager,
  periodId: string,
  matchRun: number,
  all: Array<{ group: EngineGroup; state: MatchGroupState }>,
) {
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK).map(({ group, state }) => ({ ...group, state }));
    await manager.getRepository(MatchGroup).insert(
      chunk.map((g) => ({
        periodId,
        matchRun,
        groupKey: g.key,
        rule: g.rule,
        confidence: g.confidence.toFixed(4),
        state: g.state,
        residual: new Money(g.residual),
        evidence: g.evidence.slice(0, 1000),
      })),
    );
    const ids = new Map<string, string>(
      (
        await manager
          .getRepository(MatchGroup)
          .createQueryBuilder('g')
          .select(['g.id', 'g.groupKey'])
          .where('g.periodId = :periodId AND g.matchRun = :matchRun AND g.groupKey IN (:...keys)', {
            periodId,
            matchRun,
            keys: chunk.map((g) => g.key),
          })
          .getMany()
      ).map((g) => [g.groupKey, g.id]),
    );
    const members = chunk.flatMap((g) => [
      ...g.ours.map((m) => ({
        groupId: ids.get(g.key)!,
        side: MatchSide.OURS,
        ledgerEntryId: m.id,
        statementLineId: null,
        amount: new Money(m.amount),
      })),
      ...g.theirs.map((m) => ({
        groupId: ids.get(g.key)!,
        side: MatchSide.THEIRS,
        ledgerEntryId: null,
        statementLineId: m.id,
        amount: new Money(m.amount),
      })),
    ]);
    for (let j = 0; j < members.length; j += CHUNK) {
      await manager.getRepository(MatchGroupMember).insert(members.slice(j, j + CHUNK));
    }
  }
}

async function persistDifferences(
  manager: EntityManager,
  periodId: string,
  matchRun: number,
  outcome: EngineOutcome & { statuses: Map<string, { status: string; resolution: string | null }> },
) {
  const rows = outcome.differences.map((d) => {
    const carried = outcome.statuses.get(d.key);
    return {
      periodId,
      matchRun,
      differenceKey: d.key,
      kind: d.kind as DifferenceKind,
      amount: new Money(d.amount),
      ourIds: d.ourIds,
      theirIds: d.theirIds,
      explanation: d.explanation.slice(0, 1000),
      status:
        (carried?.status as DifferenceStatus | undefined) ??
        (SELF_EXPLAINED.has(d.kind) ? DifferenceStatus.EXPLAINED : DifferenceStatus.OPEN),
      resolution: carried?.resolution ?? null,
    };
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    await manager.getRepository(Difference).insert(rows.slice(i, i + CHUNK));
  }
  return rows;
}

async function storedSummary(manager: EntityManager, period: ReconciliationPeriod): Promise<MatchSummary> {
  const count = (state: MatchGroupState) =>
    manager.getRepository(MatchGroup).countBy({ periodId: period.id, matchRun: period.matchRun, state });
  const differences = await manager
    .getRepository(Difference)
    .findBy({ periodId: period.id, matchRun: period.matchRun });
  const autoApplied = await count(MatchGroupState.APPLIED);
  const suggestions = await count(MatchGroupState.SUGGESTED);
  return {
    matchRun: period.matchRun,
    groups: autoApplied + suggestions,
    autoApplied,
    suggestions,
    differences: differences.length,
    openDifferences: differences.filter((d) => d.status === DifferenceStatus.OPEN).length,
    tied: period.bridgeTied,
    unexplained: (period.unexplainedAmount ?? new Money(0)).toFixed(),
  };
}
