import { In, Not, type EntityManager } from 'typeorm';
import { Difference } from '../../entities/difference.entity';
import { DifferenceStatus, MatchGroupState } from '../../contract/enums';
import { MatchGroup } from '../../entities/match-group.entity';
import type { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { loadAdjustmentGroups, untakenAdjustmentGroups } from './adjustment-groups';
import { differenceSignature, type CarriedDecisions } from './carry-decisions';
import type { EngineGroup } from './run-engine';

/** Reads the clerk decisions of the period's latest run, to carry them into the next one. */
export async function loadCarriedDecisions(
  manager: EntityManager,
  period: ReconciliationPeriod,
): Promise<CarriedDecisions> {
  if (period.matchRun === 0)
    return { manualGroups: [], heldGroups: [], rejectedGroups: [], decidedDifferences: new Map() };
  const groups = await manager.getRepository(MatchGroup).find({
    where: {
      periodId: period.id,
      matchRun: period.matchRun,
      state: In([MatchGroupState.MANUAL, MatchGroupState.UNMATCHED, MatchGroupState.REJECTED]),
    },
    relations: { members: true },
    order: { id: 'ASC' },
  });
  const toEngineGroup = (group: MatchGroup): EngineGroup => ({
    key: group.groupKey,
    rule: group.rule,
    confidence: Number(group.confidence),
    residual: group.residual.toFixed(),
    evidence: group.evidence,
    ours: (group.members ?? [])
      .filter((m) => m.ledgerEntryId)
      .map((m) => ({ id: m.ledgerEntryId!, amount: m.amount.toFixed() })),
    theirs: (group.members ?? [])
      .filter((m) => m.statementLineId)
      .map((m) => ({ id: m.statementLineId!, amount: m.amount.toFixed() })),
  });
  const manualGroups = groups.filter((g) => g.state === MatchGroupState.MANUAL).map(toEngineGroup);
  // A line matched by hand after it was unmatched is no longer held.
  const manualLines = new Set(manualGroups.flatMap((g) => [...g.ours, ...g.theirs].map((m) => m.id)));
  const heldGroups = groups
    .filter((g) => g.state === MatchGroupState.UNMATCHED)
    .map(toEngineGroup)
    .map((g) => ({
      ...g,
      ours: g.ours.filter((m) => !manualLines.has(m.id)),
      theirs: g.theirs.filter((m) => !manualLines.has(m.id)),
    }))
    .filter((g) => g.ours.length + g.theirs.length > 0);
  // Posted adjustments keep their difference's lines together, unless a clerk decided otherwise.
  const sideIds = (side: 'ours' | 'theirs') =>
    new Set([...manualGroups, ...heldGroups].flatMap((g) => g[side].map((m) => m.id)));
  const adjustmentGroups = untakenAdjustmentGroups(await loadAdjustmentGroups(manager, period), {
    ours: sideIds('ours'),
    theirs: sideIds('theirs'),
  });
  const decided = await manager
    .getRepository(Difference)
    .findBy({ periodId: period.id, matchRun: period.matchRun, status: Not(DifferenceStatus.OPEN) });
  return {
    manualGroups: [...manualGroups, ...adjustmentGroups],
    heldGroups,
    rejectedGroups: groups.filter((g) => g.state === MatchGroupState.REJECTED).map(toEngineGroup),
    decidedDifferences: new Map(
      decided.map((d) => [differenceSignature(d), { status: d.status, resolution: d.resolution }]),
    ),
  };
}
