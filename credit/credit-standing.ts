// One customer's credit standing: what creditStandings reads, the Credit page shows and the credit
// review report prints (reports/ imports it). Amounts are exact decimal text, dates YYYY-MM-DD.

/** One score component as the standing explains it. */
export interface CreditStandingComponent {
  readonly kind: string;
  readonly measure: string;
  readonly points: number;
  readonly weight: number;
}

/** One customer's credit standing in its own currency (or the one asked for). */
export interface CreditStanding {
  readonly customerCode: string;
  readonly customerName: string;
  readonly currency: string;
  /** null: no limit in the currency. */
  readonly limit: string | null;
  readonly exposure: string;
  /** limit − exposure; null without a limit. */
  readonly available: string | null;
  /** null: never scored (class B by default). */
  readonly score: number | null;
  readonly scoredOn: string | null;
  readonly riskClass: string;
  readonly components: readonly CreditStandingComponent[];
  readonly suggestedLimit: string | null;
  readonly onHold: boolean;
  readonly holdReason: string | null;
}
