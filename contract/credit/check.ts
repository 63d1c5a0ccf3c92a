// The credit check's vocabulary and policy (#21): why an order is OK, WARN or BLOCK.
import { RiskClass } from './enums';

/** Why a credit check answered as it did; an answer lists every reason that applies. */
export enum CreditReasonCode {
  /** The customer is on credit hold: no order until a manager approves its release. */
  ON_HOLD = 'ON_HOLD',
  /** Exposure plus the order exceeds the credit limit. */
  OVER_LIMIT = 'OVER_LIMIT',
  /** Exposure plus the order uses more than the warning share of the limit. */
  NEAR_LIMIT = 'NEAR_LIMIT',
  /** The customer has no credit limit in this currency: nobody has granted credit yet. */
  NO_LIMIT = 'NO_LIMIT',
  /** The customer's risk class asks for a look (C, D). */
  RISK_CLASS = 'RISK_CLASS',
  /** The customer is not active. */
  INACTIVE = 'INACTIVE',
}

/** How the check decides; changing it changes answers, not stored data. */
export const CREDIT_CHECK_POLICY = {
  /** WARN when exposure plus the order uses more than this percent of the limit. */
  warnAtPercent: 90,
  /** Classes that make an otherwise OK order a WARN. */
  warnClasses: [RiskClass.C, RiskClass.D] as readonly RiskClass[],
  /** No limit in the currency: WARN (credit never granted) rather than BLOCK. */
  noLimit: 'WARN' as 'WARN' | 'BLOCK',
} as const;
