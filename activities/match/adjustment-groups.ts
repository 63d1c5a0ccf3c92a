import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { AdjustmentStatus } from '../../contract/enums';
import { Adjustment } from '../../entities/adjustment.entity';
import { Difference } from '../../entities/difference.entity';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import type { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { StatementLine } from '../../entities/statement-line.entity';
import { Money, sumMoney } from '../../money/decimal';
import { ADJUSTMENT_RULE } from './carry-decisions';
import type { EngineGroup } from './run-engine';

/**
 * A posted adjustment that answers a difference, as a group: the posted ledger entry with the
 * difference's own lines. Carried into every re-match like a match made by hand, so the posted
 * entry and the line it corrects are never found again as two new differences. The residual is
 * what the adjustment does not cover (zero when it books the difference in full).
 */
export async function loadAdjustmentGroups(
  manager: EntityManager,
  period: ReconciliationPeriod,
): Promise<EngineGroup[]> {
  const adjustments = await manager.getRepository(Adjustment).find({
    where: {
      periodId: period.id,
      status: AdjustmentStatus.POSTED,
      differenceId: Not(IsNull()),
      postedLedgerEntryId: Not(IsNull()),
    },
    order: { id: 'ASC' },
  });
  if (!adjustments.length) return [];
  const differences = await manager
    .getRepository(Difference)
    .findBy({ periodId: period.id, id: In(adjustments.map((a) => a.differenceId!)) });
  const byId = new Map(differences.map((d) => [d.id, d]));
  const ourIds = [...adjustments.map((a) => a.postedLedgerEntryId!), ...differences.flatMap((d) => d.ourIds)];
  const theirIds = differences.flatMap((d) => d.theirIds);
  const ours = await manager
    .getRepository(LedgerEntry)
    .findBy({ id: In(ourIds), customerId: period.customerId });
  // Only lines of the statement the period reads now (a replaced statement's lines are gone).
  const theirs =
    theirIds.length && period.statementId
      ? await manager
          .getRepository(StatementLine)
          .findBy({ id: In(theirIds), statementId: period.statementId })
      : [];
  const ourAmounts = new Map(ours.map((e) => [e.id, e.amount]));
  const theirAmounts = new Map(theirs.map((l) => [l.id, l.amount]));

  return adjustments.flatMap((adjustment) => {
    const difference = byId.get(adjustment.differenceId!);
    if (!difference || !ourAmounts.has(adjustment.postedLedgerEntryId!)) return [];
    const ourMembers = [adjustment.postedLedgerEntryId!, ...difference.ourIds]
      .filter((id) => ourAmounts.has(id))
      .map((id) => ({ id, amount: ourAmounts.get(id)!.toFixed() }));
    const theirMembers = difference.theirIds
      .filter((id) => theirAmounts.has(id))
      .map((id) => ({ id, amount: theirAmounts.get(id)!.toFixed() }));
    return [adjustmentGroup(adjustment, ourMembers, theirMembers)];
  });
}

function adjustmentGroup(
  adjustment: Adjustment,
  ours: EngineGroup['ours'],
  theirs: EngineGroup['theirs'],
): EngineGroup {
  return {
    key: `adjustment:${adjustment.id}`,
    rule: ADJUSTMENT_RULE,
    confidence: 1,
    residual: residualOf(ours, theirs),
    evidence:
      `adjustment ${adjustment.id} posted for difference ${adjustment.differenceId}: ${adjustment.reason}`.slice(
        0,
        1000,
      ),
    ours,
    theirs,
  };
}

const sideSum = (members: EngineGroup['ours']) => sumMoney(members.map((m) => new Money(m.amount)));
const residualOf = (ours: EngineGroup['ours'], theirs: EngineGroup['theirs']) =>
  sideSum(theirs).minus(sideSum(ours)).toFixed();

/**
 * The adjustment groups whose lines no clerk decision of the latest run has taken: a line matched
 * or unmatched by hand stays as the clerk left it, and a group whose posted entry is taken is
 * already carried (as the clerk's own group, or as this group from an earlier run).
 */
export function untakenAdjustmentGroups(
  groups: EngineGroup[],
  taken: { ours: ReadonlySet<string>; theirs: ReadonlySet<string> },
): EngineGroup[] {
  return groups.flatMap((group) => {
    if (taken.ours.has(group.ours[0].id)) return [];
    const ours = group.ours.filter((m) => !taken.ours.has(m.id));
    const theirs = group.theirs.filter((m) => !taken.theirs.has(m.id));
    return [{ ...group, ours, theirs, residual: residualOf(ours, theirs) }];
  });
}
