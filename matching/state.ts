import { allowedResidual } from './settings';
import type { Prepared } from './prepare';
import type { Difference, MatchGroup, RuleName, RuleSettings } from './types';
import { stableId } from './ids';
import { absUnits, fromUnits } from './units';

const RULE_PREFIX: Record<RuleName, string> = {
  EXACT_REFERENCE: 'ex',
  NORMALIZED_REFERENCE: 'nr',
  AMOUNT_DATE_WINDOW: 'aw',
  FUZZY_REFERENCE: 'fz',
  ONE_TO_MANY: 'om',
  MANY_TO_MANY: 'mm',
};

/** What the rules build up: applied groups, suggestions, placing differences. */
export class MatchState {
  readonly groups: MatchGroup[] = [];
  readonly suggestions: MatchGroup[] = [];
  readonly differences: Difference[] = [];

  private readonly rejected: ReadonlySet<string>;

  constructor(
    readonly settings: RuleSettings,
    rejected: ReadonlyArray<{ ours: readonly string[]; theirs: readonly string[] }> = [],
  ) {
    this.rejected = new Set(rejected.map((r) => pairKey(r.ours, r.theirs)));
  }

  /** A clerk rejected exactly this pairing before. */
  isRejected(ours: Prepared[], theirs: Prepared[]): boolean {
    return (
      this.rejected.size > 0 &&
      this.rejected.has(
        pairKey(
          ours.map((l) => l.id),
          theirs.map((l) => l.id),
        ),
      )
    );
  }

  residual(ours: Prepared[], theirs: Prepared[]): bigint {
    return sum(theirs) - sum(ours);
  }

  withinTolerance(ours: Prepared[], theirs: Prepared[]): boolean {
    const currency = (ours[0] ?? theirs[0]).currency;
    return (
      absUnits(this.residual(ours, theirs)) <=
      allowedResidual(this.settings, currency, sum(ours), sum(theirs))
    );
  }

  /** Applies the group (confidence at or above the threshold) or keeps it as a suggestion. */
  propose(
    rule: RuleName,
    ours: Prepared[],
    theirs: Prepared[],
    confidence: number,
    evidence: string,
  ): boolean {
    if (this.isRejected(ours, theirs)) return false;
    const group: MatchGroup = {
      id: stableId(
        RULE_PREFIX[rule],
        ours.map((l) => l.id),
        theirs.map((l) => l.id),
      ),
      rule,
      confidence: Math.round(confidence * 10_000) / 10_000,
      ourIds: ours.map((l) => l.id),
      theirIds: theirs.map((l) => l.id),
      residual: fromUnits(this.residual(ours, theirs)),
      evidence,
    };
    if (confidence < this.settings.autoApplyConfidence) {
      this.suggestions.push(group);
      return false;
    }
    for (const line of [...ours, ...theirs]) line.placed = true;
    this.groups.push(group);
    return true;
  }
}

/** Order-free key of a pairing's member ids. */
export const pairKey = (ours: readonly string[], theirs: readonly string[]) =>
  `${[...ours].sort().join('\u0000')}\u0001${[...theirs].sort().join('\u0000')}`;

export const sum = (lines: Prepared[]) => lines.reduce((total, line) => total + line.units, 0n);

export function describeDays(a: Prepared, b: Prepared): string {
  const days = Math.abs(a.day - b.day);
  return days === 0 ? 'same day' : `${days} day${days === 1 ? '' : 's'} apart`;
}
