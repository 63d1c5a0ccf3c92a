// The matching engine's contract: plain data in, plain data out (JSON-serialisable, exact decimal strings).

export interface MatchLine {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  docNo?: string;
  reference?: string;
  description?: string;
  kind: string;
  /** Signed decimal string; positive increases what the customer owes us, on both sides. */
  amount: string;
  currency: string;
}

export interface ReconcileInput {
  ours: MatchLine[];
  theirs: MatchLine[];
  period: { start: string; end: string };
  ourOpening: string;
  ourClosing: string;
  theirOpening: string;
  theirClosing: string;
  rules?: Partial<RuleSettings>;
  /**
   * Pairings a clerk rejected (a suggestion's exact lines): never proposed again, neither applied
   * nor suggested, in this or any later run. Other pairings of the same lines still are.
   */
  rejected?: ReadonlyArray<{ ours: readonly string[]; theirs: readonly string[] }>;
}

export type RuleName =
  | 'EXACT_REFERENCE'
  | 'NORMALIZED_REFERENCE'
  | 'TEXT_REFERENCE'
  | 'AMOUNT_DATE_WINDOW'
  | 'FUZZY_REFERENCE'
  | 'ONE_TO_MANY'
  | 'MANY_TO_MANY';

export interface Tolerance {
  /** Absolute amount, decimal string. */
  absolute: string;
  /** Percentage of the larger side, decimal string ("0.2" = 0.2 %). */
  percent: string;
}

export interface RuleSettings {
  /** Rules in the order they run; leave one out to disable it. */
  rules: RuleName[];
  /** Per currency; "*" applies to currencies not listed. */
  tolerances: Record<string, Tolerance>;
  dateWindowDays: number;
  fuzzyMaxEdits: number;
  fuzzyMinLength: number;
  maxGroupSize: number;
  subsetPoolSize: number;
  /** Lines this close to the period end (or outside it) that miss their counterpart are TIMING. */
  timingDays: number;
  /** Groups at or above this confidence are applied; the rest are suggestions. */
  autoApplyConfidence: number;
}

/**
 * A group's rule: one of the rules, or `ZERO_AMOUNT` (a zero-amount line nothing claims, set aside as
 * a group of its own since it changes neither balance).
 */
export type GroupRule = RuleName | 'ZERO_AMOUNT';

export interface MatchGroup {
  id: string;
  rule: GroupRule;
  confidence: number;
  ourIds: string[];
  theirIds: string[];
  /** Σ theirs − Σ ours. */
  residual: string;
  evidence: string;
}

export type DifferenceKind =
  | 'MISSING_IN_OURS'
  | 'MISSING_IN_THEIRS'
  | 'AMOUNT_MISMATCH'
  | 'TIMING'
  | 'DUPLICATE'
  | 'TOLERANCE'
  | 'UNEXPLAINED';

export interface Difference {
  id: string;
  kind: DifferenceKind;
  /** Signed as it enters the bridge: our closing + Σ amounts = their closing. */
  amount: string;
  ourIds: string[];
  theirIds: string[];
  explanation: string;
}

export interface Bridge {
  ourClosing: string;
  lines: Array<{ differenceId: string; kind: DifferenceKind; amount: string; explanation: string }>;
  computedTheirClosing: string;
  theirClosing: string;
  /** theirClosing − computed, exact. */
  unexplained: string;
  tied: boolean;
}

export interface ReconcileResult {
  groups: MatchGroup[];
  /**
   * Lines dated after the period end: not part of the period (the closing balances at the period
   * end exclude them), so neither matched nor differences. An in-period line they would have matched
   * is a TIMING difference.
   */
  outsidePeriod: { ourIds: string[]; theirIds: string[] };
  suggestions: MatchGroup[];
  differences: Difference[];
  bridge: Bridge;
  stats: Record<string, number>;
}
