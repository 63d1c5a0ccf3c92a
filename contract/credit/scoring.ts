// The nightly credit scoring's workflow contract: names and shapes shared by the workflow, its
// activity and the schedule (pure: workflow code imports it).

/** The workflow type the nightly schedule starts (workflows/index.ts registers it). */
export const CREDIT_SCORING_WORKFLOW = 'creditScoringWorkflow';

export interface CreditScoringInput {
  /** Score as of this day (YYYY-MM-DD); default: the UTC day the run started. */
  asOf?: string;
}

export interface CreditScoringResult {
  asOf: string;
  customers: number;
  /** Customers per risk class. */
  byClass: Record<string, number>;
  measureMs: number;
  writeMs: number;
}

export type CreditScoringWorkflow = (input?: CreditScoringInput) => Promise<CreditScoringResult>;
