import { Money, sumMoney } from '../../money/decimal';
import type { EngineInputData } from './load-engine-input';
import type { EngineDifference, EngineGroup, EngineOutcome } from './run-engine';

/** What clerks decided in the previous run, which a re-match must keep. */
export interface CarriedDecisions {
  /**
   * Matched by hand (or an accepted suggestion), and posted adjustments with the lines of the
   * difference they answer (rule ADJUSTMENT): kept as they are.
   */
  manualGroups: EngineGroup[];
  /** Unmatched by a clerk: their lines stay out of automatic matching until matched by hand. */
  heldGroups: EngineGroup[];
  /** Suggestions a clerk rejected: never proposed again for the same lines, run after run. */
  rejectedGroups: EngineGroup[];
  /** Difference statuses by signature (kind + member ids), e.g. EXPLAINED as timing. */
  decidedDifferences: Map<string, { status: string; resolution: string | null }>;
}

/** The rule of a group that a posted adjustment forms with the lines of the difference it answers. */
export const ADJUSTMENT_RULE = 'ADJUSTMENT';

export const differenceSignature = (d: { kind: string; ourIds: string[]; theirIds: string[] }) =>
  `${d.kind}|${[...d.ourIds].sort().join(',')}|${[...d.theirIds].sort().join(',')}`;

/**
 * Splits the period's lines: those in carried groups are taken out, and the balances handed to the
 * engine are reduced by them, so the engine solves a consistent sub-problem.
 */
export function engineSubProblem(input: EngineInputData, carried: CarriedDecisions): EngineInputData {
  const groups = [...carried.manualGroups, ...carried.heldGroups];
  const ourOut = new Set(groups.flatMap((g) => g.ours.map((m) => m.id)));
  const theirOut = new Set(groups.flatMap((g) => g.theirs.map((m) => m.id)));
  const ours = input.ours.filter((line) => !ourOut.has(line.id));
  const theirs = input.theirs.filter((line) => !theirOut.has(line.id));
  const removedOurs = sumMoney(
    input.ours.filter((line) => ourOut.has(line.id)).map((line) => new Money(line.amount)),
  );
  const removedTheirs = sumMoney(
    input.theirs.filter((line) => theirOut.has(line.id)).map((line) => new Money(line.amount)),
  );
  return {
    ...input,
    ours,
    theirs,
    ourClosing: new Money(input.ourClosing).minus(removedOurs).toFixed(),
    theirClosing: new Money(input.theirClosing).minus(removedTheirs).toFixed(),
  };
}

/**
 * Puts the carried decisions back around the engine's result: manual groups' residuals as
 * AMOUNT_MISMATCH differences, held lines as MISSING differences, earlier
 * explanations re-applied, and the bridge recomputed on the full closing balances.
 */
export function mergeCarried(
  input: EngineInputData,
  outcome: EngineOutcome,
  carried: CarriedDecisions,
): EngineOutcome & {
  statuses: Map<string, { status: string; resolution: string | null }>;
} {
  const extra: EngineDifference[] = [];
  for (const group of carried.manualGroups) {
    if (!new Money(group.residual).isZero()) {
      extra.push({
        key: `manual-residual:${group.key}`.slice(0, 96),
        kind: 'AMOUNT_MISMATCH',
        amount: new Money(group.residual).toFixed(),
        ourIds: group.ours.map((m) => m.id),
        theirIds: group.theirs.map((m) => m.id),
        explanation: (group.rule === ADJUSTMENT_RULE
          ? `not covered by the ${group.evidence}`
          : `residual of a match made by hand: ${group.evidence}`
        ).slice(0, 1000),
      });
    }
  }
  for (const group of carried.heldGroups) {
    for (const line of group.ours) {
      extra.push({
        key: `held-ours:${line.id}`,
        kind: 'MISSING_IN_THEIRS',
        amount: new Money(line.amount).negated().toFixed(),
        ourIds: [line.id],
        theirIds: [],
        explanation: 'unmatched by a clerk; waiting to be matched by hand',
      });
    }
    for (const line of group.theirs) {
      extra.push({
        key: `held-theirs:${line.id}`,
        kind: 'MISSING_IN_OURS',
        amount: new Money(line.amount).toFixed(),
        ourIds: [],
        theirIds: [line.id],
        explanation: 'unmatched by a clerk; waiting to be matched by hand',
      });
    }
  }
  const differences = [...outcome.differences, ...extra];
  const statuses = new Map<string, { status: string; resolution: string | null }>();
  for (const difference of differences) {
    const decided = carried.decidedDifferences.get(differenceSignature(difference));
    if (decided) statuses.set(difference.key, decided);
  }
  const computed = differences.reduce((sum, d) => sum.plus(d.amount), new Money(input.ourClosing));
  const unexplained = new Money(input.theirClosing).minus(computed);
  return {
    ...outcome,
    differences,
    statuses,
    bridge: {
      ourClosing: input.ourClosing,
      theirClosing: input.theirClosing,
      lines: differences.map((d) => ({ kind: d.kind, amount: d.amount, explanation: d.explanation })),
      computedTheirClosing: computed.toFixed(),
      unexplained: unexplained.toFixed(),
      tied: unexplained.isZero(),
    },
  };
}
