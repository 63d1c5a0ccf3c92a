import { auditFields, SYSTEM_ACTORS } from '../contract/actor';
import { Context, heartbeat } from '@temporalio/activity';
import type { EntityManager } from 'typeorm';
import { appendAudits, type AuditEntry } from '../audit/audit-log';
import { Difference } from '../entities/difference.entity';
import { DifferenceKind, DifferenceStatus, MatchGroupState, MatchSide } from '../contract/enums';
import { MatchGroup } from '../entities/match-group.entity';
import type { Customer } from '../entities/customer.entity';
import type { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { insertRows } from '../db/insert-rows';
import { Money } from '../money/decimal';
import type { MatchSummary } from '../contract/period';
import type { ActivityDeps } from './activity-deps';
import type { ExtractedPeriod } from './extract-period';
import { loadPeriodWithCustomer } from './load-period';
import type { PeriodScope } from '../periods/period-scope';
import { cancelSupersededTasks } from '../tasks/cancel-tasks';
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
    // Read and matched before the transaction: a large period's engine run holds no lock.
    const matched = await runMatch(dataSource.manager, period, customer, (rowsRead) => {
      if (!isLocal) heartbeat({ rowsRead });
    });
    return dataSource.transaction(async (manager) => {
      const [locked] = (await manager.query(
        'SELECT match_run FROM reconciliation_periods WHERE id = ? FOR UPDATE',
        [periodId],
      )) as Array<{ match_run: number }>;
      if (locked.match_run >= matchRun)
        return storedSummary(manager, (await loadPeriodWithCustomer(manager, periodId)).period);
      const { summary, audit } = await persistMatch(manager, periodId, matchRun, matched);
      await appendAudits(manager, audit);
      return summary;
    });
  };
}

/**
 * Matches a small period inside the caller's transaction, which holds the period's row lock
 * (extraction's), and gives back the audit events for the caller to append last: extraction and
 * matching then commit together, one wait for the audit chain's head lock instead of two. Same
 * outcome as matchPeriod.
 */
export async function matchPeriodInTransaction(
  manager: EntityManager,
  periodId: string,
  matchRun: number,
  extracted?: ExtractedPeriod,
): Promise<{ summary: MatchSummary; audit: AuditEntry[] }> {
  const { period, customer } = extracted ?? (await loadPeriodWithCustomer(manager, periodId));
  if (period.matchRun >= matchRun) return { summary: await storedSummary(manager, period), audit: [] };
  return persistMatch(
    manager,
    periodId,
    matchRun,
    await runMatch(manager, period, customer, () => undefined, extracted?.scope),
  );
}

type Matched = {
  outcome: ReturnType<typeof mergeCarried>;
  carried: Awaited<ReturnType<typeof loadCarriedDecisions>>;
};

/** The engine over the period's lines, with the decisions people made in earlier runs carried over. */
async function runMatch(
  manager: EntityManager,
  period: ReconciliationPeriod,
  customer: Customer,
  onRowsRead: (rowsRead: number) => void,
  scope?: PeriodScope,
): Promise<Matched> {
  const input = await loadEngineInput(manager, period, customer, onRowsRead, scope);
  const carried = await loadCarriedDecisions(manager, period);
  // A rejected suggestion stays rejected: the engine never proposes those lines together again.
  const rejected = carried.rejectedGroups.map((g) => ({
    ours: g.ours.map((m) => m.id),
    theirs: g.theirs.map((m) => m.id),
  }));
  return {
    outcome: mergeCarried(input, runEngine(engineSubProblem(input, carried), rejected), carried),
    carried,
  };
}

/**
 * Writes run `matchRun`: groups, differences, the bridge, superseded tasks; gives back its audit
 * events, which the caller appends last (the chain's head stays locked until the commit).
 */
async function persistMatch(
  manager: EntityManager,
  periodId: string,
  matchRun: number,
  { outcome, carried }: Matched,
): Promise<{ summary: MatchSummary; audit: AuditEntry[] }> {
  await persistGroups(manager, periodId, matchRun, [
    ...outcome.groups.map((group) => ({ group, state: MatchGroupState.APPLIED })),
    ...outcome.suggestions.map((group) => ({ group, state: MatchGroupState.SUGGESTED })),
    ...carried.manualGroups.map((group) => ({ group, state: MatchGroupState.MANUAL })),
    ...carried.heldGroups.map((group) => ({ group, state: MatchGroupState.UNMATCHED })),
    // Kept in every later run, so that the rejection is remembered however often it re-matches.
    ...carried.rejectedGroups.map((group) => ({ group, state: MatchGroupState.REJECTED })),
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
  // The earlier run's differences and suggestions are history now: their tasks ask nothing more.
  const superseded = await cancelSupersededTasks(manager, periodId, matchRun, new Date());
  const events: AuditEntry[] = [];
  if (superseded > 0)
    events.push({
      ...auditFields(SYSTEM_ACTORS.workflow),
      action: 'tasks.superseded',
      entityType: 'period',
      entityId: periodId,
      periodId,
      after: { cancelled: superseded, matchRun },
    });
  events.push({
    ...auditFields(SYSTEM_ACTORS.workflow),
    action: 'period.matched',
    entityType: 'period',
    entityId: periodId,
    periodId,
    after: { ...summary },
  });
  return { summary, audit: events };
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

const GROUP_COLUMNS = [
  'period_id',
  'match_run',
  'group_key',
  'rule',
  'confidence',
  'state',
  'residual',
  'evidence',
];
const MEMBER_COLUMNS = ['group_id', 'side', 'ledger_entry_id', 'statement_line_id', 'amount'];
const DIFFERENCE_COLUMNS = [
  'period_id',
  'match_run',
  'difference_key',
  'kind',
  'amount',
  'our_ids',
  'their_ids',
  'explanation',
  'status',
  'resolution',
];

/** Groups and their members, a chunk at a time: one INSERT of groups, their ids read back by key, one of members. */
async function persistGroups(
  manager: EntityManager,
  periodId: string,
  matchRun: number,
  all: Array<{ group: EngineGroup; state: MatchGroupState }>,
) {
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    await insertRows(
      manager,
      'match_groups',
      GROUP_COLUMNS,
      chunk.map(({ group, state }) => [
        periodId,
        matchRun,
        group.key,
        group.rule,
        group.confidence.toFixed(4),
        state,
        new Money(group.residual).toFixed(),
        group.evidence.slice(0, 1000),
      ]),
    );
    const keys = chunk.map(({ group }) => group.key);
    const ids = new Map(
      (
        (await manager.query(
          `SELECT CAST(id AS CHAR) AS id, group_key FROM match_groups
            WHERE period_id = ? AND match_run = ? AND group_key IN (${keys.map(() => '?').join(', ')})`,
          [periodId, matchRun, ...keys],
        )) as Array<{ id: string; group_key: string }>
      ).map((row) => [row.group_key, row.id]),
    );
    const members = chunk.flatMap(({ group }) => [
      ...group.ours.map((m) => [
        ids.get(group.key)!,
        MatchSide.OURS,
        m.id,
        null,
        new Money(m.amount).toFixed(),
      ]),
      ...group.theirs.map((m) => [
        ids.get(group.key)!,
        MatchSide.THEIRS,
        null,
        m.id,
        new Money(m.amount).toFixed(),
      ]),
    ]);
    for (let j = 0; j < members.length; j += CHUNK)
      await insertRows(manager, 'match_group_members', MEMBER_COLUMNS, members.slice(j, j + CHUNK));
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
      key: d.key,
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
    await insertRows(
      manager,
      'differences',
      DIFFERENCE_COLUMNS,
      rows
        .slice(i, i + CHUNK)
        .map((d) => [
          periodId,
          matchRun,
          d.key,
          d.kind,
          d.amount.toFixed(),
          JSON.stringify(d.ourIds),
          JSON.stringify(d.theirIds),
          d.explanation,
          d.status,
          d.resolution,
        ]),
    );
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
