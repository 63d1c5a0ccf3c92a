// The credit score's vocabulary (#21): what the nightly scoring stores and the API shows, and how
// a risk class weighs in the collectors' worklist. Pure TypeScript, shared by every layer.
import { RiskClass } from './enums';

/** The behaviours the score is made of. */
export enum ScoreComponentKind {
  /** Amount-weighted days invoices were paid (or are still open) beyond their due date. */
  DAYS_BEYOND_TERMS = 'DAYS_BEYOND_TERMS',
  /** Share of invoiced amount paid after its due date (or overdue and still open). */
  SHARE_PAID_LATE = 'SHARE_PAID_LATE',
  /** Disputed lines per invoice. */
  DISPUTE_RATE = 'DISPUTE_RATE',
  /** Average days from a statement sent to the customer's answer (unanswered: the cap). */
  STATEMENT_RESPONSE_DAYS = 'STATEMENT_RESPONSE_DAYS',
  /** Balance now against the balance 90 days before, as a growth ratio. */
  BALANCE_TREND = 'BALANCE_TREND',
}

/** One component of a score: what was measured, the points it earned (0–100) and its weight. */
export interface ScoreComponent {
  kind: ScoreComponentKind;
  /** The measure, as decimal text (days, a share 0–1, a ratio). */
  measure: string;
  /** 0 (worst) … 100 (best). */
  points: number;
  /** Percent of the score; the weights add up to 100. */
  weight: number;
}

/** The class a customer has before its first score. */
export const UNSCORED_RISK_CLASS = RiskClass.B;
