// The credit score, pure: a customer's measured behaviour in, points per component with their
// weights, the score, its risk class and a suggested limit out. Every number is shown, so the
// score explains itself (docs/credit.md).
import { RiskClass } from '../contract/credit/enums';
import { ScoreComponentKind, type ScoreComponent } from '../contract/credit/score';
import { Money } from '../money/decimal';

/** What the nightly SQL measured for one customer, in its own currency, over the last 365 days. */
export interface CustomerBehaviour {
  /** Invoiced in the window. */
  invoiced: Money;
  /** Of it, invoices already due. */
  dueAmount: Money;
  /** Σ amount × days beyond the due date (paid late, or still open past due). */
  lateAmountDays: Money;
  /** Amount of due invoices paid late or still open past due. */
  lateAmount: Money;
  invoices: number;
  /** Distinct ledger lines the customer disputed in the window. */
  disputedLines: number;
  /** Statements sent in the window, and the average days to an answer (unanswered count up to the cap). */
  statements: number;
  responseDays: Money | null;
  balanceNow: Money;
  /** The balance 90 days before. */
  balanceBefore: Money;
}

/** Percent of the score each component weighs; they add up to 100. */
export const SCORE_WEIGHTS: Readonly<Record<ScoreComponentKind, number>> = {
  [ScoreComponentKind.DAYS_BEYOND_TERMS]: 30,
  [ScoreComponentKind.SHARE_PAID_LATE]: 25,
  [ScoreComponentKind.DISPUTE_RATE]: 15,
  [ScoreComponentKind.STATEMENT_RESPONSE_DAYS]: 15,
  [ScoreComponentKind.BALANCE_TREND]: 15,
};

/** Where each measure earns no points any more (linear from the best value to here). */
export const SCORE_SCALES = {
  /** Days beyond terms (amount-weighted) at which the component is 0. */
  daysBeyondTerms: 60,
  /** Disputed lines per invoice at which the component is 0. */
  disputeRate: 0.2,
  /** Days to answer a statement at which the component is 0 (also the cap for unanswered ones). */
  responseDays: 30,
  /** Balance growth over 90 days (1 = doubled) at which the component is 0. */
  balanceGrowth: 1,
  /** Points a component gets when there is nothing to measure (no invoices due, no statements). */
  neutral: 70,
} as const;

/** Lowest score of each class (A best). */
export const CLASS_FLOORS: ReadonlyArray<[RiskClass, number]> = [
  [RiskClass.A, 80],
  [RiskClass.B, 60],
  [RiskClass.C, 40],
  [RiskClass.D, 0],
];

/** Months of the customer's average invoicing a class suggests as its limit (D: no credit). */
export const SUGGESTED_LIMIT_MONTHS: Readonly<Record<RiskClass, number>> = {
  [RiskClass.A]: 3,
  [RiskClass.B]: 2,
  [RiskClass.C]: 1,
  [RiskClass.D]: 0,
};

/** Suggested limits are rounded up to this. */
export const SUGGESTED_LIMIT_STEP = 1000;

const clamp01 = (x: Money) => Money.min(Money.max(x, 0), 1);
/** 100 at 0, 0 at `scale` and beyond, whole points. */
const linearPoints = (measure: Money, scale: number) =>
  new Money(100)
    .times(new Money(1).minus(clamp01(measure.div(scale))))
    .round()
    .toNumber();
const text = (x: Money) => x.toDecimalPlaces(4).toFixed();

export function classOf(score: number): RiskClass {
  return CLASS_FLOORS.find(([, floor]) => score >= floor)![0];
}

export interface ScoreResult {
  score: number;
  riskClass: RiskClass;
  components: ScoreComponent[];
  suggestedLimit: Money;
}

export function scoreBehaviour(b: CustomerBehaviour): ScoreResult {
  const component = (kind: ScoreComponentKind, measure: string, points: number): ScoreComponent => ({
    kind,
    measure,
    points,
    weight: SCORE_WEIGHTS[kind],
  });
  const anyDue = b.dueAmount.gt(0);
  const days = anyDue ? b.lateAmountDays.div(b.dueAmount) : new Money(0);
  const lateShare = anyDue ? clamp01(b.lateAmount.div(b.dueAmount)) : new Money(0);
  const disputeRate = b.invoices > 0 ? new Money(b.disputedLines).div(b.invoices) : new Money(0);
  const growth = b.balanceBefore.gt(0)
    ? b.balanceNow.minus(b.balanceBefore).div(b.balanceBefore)
    : b.balanceNow.gt(0)
      ? new Money(SCORE_SCALES.balanceGrowth)
      : new Money(0);
  const components = [
    component(
      ScoreComponentKind.DAYS_BEYOND_TERMS,
      text(days),
      anyDue ? linearPoints(days, SCORE_SCALES.daysBeyondTerms) : SCORE_SCALES.neutral,
    ),
    component(
      ScoreComponentKind.SHARE_PAID_LATE,
      text(lateShare),
      anyDue ? linearPoints(lateShare, 1) : SCORE_SCALES.neutral,
    ),
    component(
      ScoreComponentKind.DISPUTE_RATE,
      text(disputeRate),
      b.invoices > 0 ? linearPoints(disputeRate, SCORE_SCALES.disputeRate) : SCORE_SCALES.neutral,
    ),
    component(
      ScoreComponentKind.STATEMENT_RESPONSE_DAYS,
      b.responseDays === null ? 'none' : text(b.responseDays),
      b.responseDays === null
        ? SCORE_SCALES.neutral
        : linearPoints(b.responseDays, SCORE_SCALES.responseDays),
    ),
    component(
      ScoreComponentKind.BALANCE_TREND,
      text(growth),
      linearPoints(growth, SCORE_SCALES.balanceGrowth),
    ),
  ];
  const weighted = components.reduce((sum, c) => sum.plus(new Money(c.points).times(c.weight)), new Money(0));
  const score = weighted.div(100).round().toNumber();
  const riskClass = classOf(score);
  const monthly = Money.max(b.invoiced, 0).div(12);
  const suggestedLimit = monthly
    .times(SUGGESTED_LIMIT_MONTHS[riskClass])
    .div(SUGGESTED_LIMIT_STEP)
    .ceil()
    .times(SUGGESTED_LIMIT_STEP);
  return { score, riskClass, components, suggestedLimit };
}
