// The credit check's decision, pure: exposure, limit, hold and class in; OK / WARN / BLOCK with reasons out.
import { CREDIT_CHECK_POLICY, CreditReasonCode } from '../contract/credit/check';
import { CreditDecision, type RiskClass } from '../contract/credit/enums';
import { Money } from '../money/decimal';

export interface CreditPosition {
  currency: string;
  /** The ledger's balance in the currency: open items less unapplied credits. */
  balance: Money;
  /** Invoices under an open dispute (part of the balance). */
  disputed: Money;
  /** Open orders integrators reported. */
  openOrders: Money;
  /** null: no limit in this currency. */
  limit: Money | null;
  onHold: boolean;
  holdReason: string | null;
  riskClass: RiskClass;
  active: boolean;
}

export interface CreditReason {
  code: CreditReasonCode;
  message: string;
}

export interface CreditAnswer {
  decision: CreditDecision;
  reasons: CreditReason[];
  /** Undisputed open receivables: balance less disputed. */
  openReceivables: Money;
  disputed: Money;
  openOrders: Money;
  /** openReceivables + disputed + openOrders. */
  exposure: Money;
  /** limit − exposure − amount (negative: by how much the order is over); null without a limit. */
  available: Money | null;
}

const fmt = (m: Money) => m.toFixed(2);

/** Disputed amounts count only up to what is owed: a dispute never makes the exposure larger than the balance. */
export function exposureOf(position: Pick<CreditPosition, 'balance' | 'disputed' | 'openOrders'>) {
  const owed = Money.max(position.balance, 0);
  const disputed = Money.min(Money.max(position.disputed, 0), owed);
  const openReceivables = position.balance.minus(disputed);
  const openOrders = Money.max(position.openOrders, 0);
  return { openReceivables, disputed, openOrders, exposure: openReceivables.plus(disputed).plus(openOrders) };
}

/** The answer for an order of `amount` (≥ 0) given the customer's position. */
export function decideCredit(position: CreditPosition, amount: Money): CreditAnswer {
  const parts = exposureOf(position);
  const after = parts.exposure.plus(amount);
  const reasons: CreditReason[] = [];
  let decision: CreditDecision = CreditDecision.OK;
  const raise = (to: CreditDecision) => {
    if (to === CreditDecision.BLOCK || decision === CreditDecision.OK) decision = to;
  };
  if (!position.active) {
    reasons.push({ code: CreditReasonCode.INACTIVE, message: 'the customer is not active' });
    raise(CreditDecision.BLOCK);
  }
  if (position.onHold) {
    const why = position.holdReason ? `: ${position.holdReason}` : '';
    reasons.push({ code: CreditReasonCode.ON_HOLD, message: `on credit hold${why}` });
    raise(CreditDecision.BLOCK);
  }
  let available: Money | null = null;
  if (position.limit === null) {
    reasons.push({
      code: CreditReasonCode.NO_LIMIT,
      message: `no credit limit in ${position.currency}; exposure after the order ${fmt(after)}`,
    });
    raise(CreditDecision[CREDIT_CHECK_POLICY.noLimit]);
  } else {
    available = position.limit.minus(after);
    if (after.gt(position.limit)) {
      reasons.push({
        code: CreditReasonCode.OVER_LIMIT,
        message: `exposure after the order ${fmt(after)} exceeds the limit ${fmt(position.limit)} by ${fmt(available.neg())} ${position.currency}`,
      });
      raise(CreditDecision.BLOCK);
    } else if (after.times(100).gt(position.limit.times(CREDIT_CHECK_POLICY.warnAtPercent))) {
      reasons.push({
        code: CreditReasonCode.NEAR_LIMIT,
        message: `exposure after the order ${fmt(after)} uses more than ${CREDIT_CHECK_POLICY.warnAtPercent}% of the limit ${fmt(position.limit)} ${position.currency}`,
      });
      raise(CreditDecision.WARN);
    }
  }
  if (CREDIT_CHECK_POLICY.warnClasses.includes(position.riskClass)) {
    reasons.push({ code: CreditReasonCode.RISK_CLASS, message: `risk class ${position.riskClass}` });
    raise(CreditDecision.WARN);
  }
  return { decision, reasons, ...parts, available };
}
