// A customer's credit standing for people: hold, limits, scores with their components, pending requests.
import type { DataSource } from 'typeorm';
import type { Actor } from '../contract/actor';
import { CreditRequestKind, CreditRequestStatus, type RiskClass } from '../contract/credit/enums';
import { UNSCORED_RISK_CLASS } from '../contract/credit/score';
import { CreditLimit } from '../entities/credit-limit.entity';
import { CreditProfile } from '../entities/credit-profile.entity';
import { CreditRequest } from '../entities/credit-request.entity';
import { CreditScore } from '../entities/credit-score.entity';
import { Customer } from '../entities/customer.entity';
import { lowerCreditLimit } from './credit-admin.service';
import { CreditError, CreditErrorCode, notFound } from './credit-error';
import { requestCreditChange } from './credit-requests.service';

export interface CreditProfileView {
  customer: Customer;
  onHold: boolean;
  holdReason: string | null;
  riskClass: RiskClass;
  score: number | null;
  scoredOn: string | null;
  limits: CreditLimit[];
  scores: CreditScore[];
  pendingRequests: Array<CreditRequest & { customerCode: string }>;
}

export async function creditProfileOf(
  dataSource: DataSource,
  customerCode: string,
): Promise<CreditProfileView> {
  const customer = await dataSource.getRepository(Customer).findOneBy({ code: customerCode });
  if (!customer) throw notFound(`customer ${customerCode}`);
  const [profile, limits, scores, pending] = await Promise.all([
    dataSource.getRepository(CreditProfile).findOneBy({ customerId: customer.id }),
    dataSource
      .getRepository(CreditLimit)
      .find({ where: { customerId: customer.id }, order: { currency: 'ASC' } }),
    dataSource
      .getRepository(CreditScore)
      .find({ where: { customerId: customer.id }, order: { scoredOn: 'DESC' }, take: 24 }),
    dataSource.getRepository(CreditRequest).find({
      where: { customerId: customer.id, status: CreditRequestStatus.PENDING },
      order: { id: 'ASC' },
    }),
  ]);
  return {
    customer,
    onHold: profile?.onHold ?? false,
    holdReason: profile?.onHold ? profile.holdReason : null,
    riskClass: profile?.riskClass ?? UNSCORED_RISK_CLASS,
    score: profile?.score ?? null,
    scoredOn: profile?.scoredOn ?? null,
    limits,
    scores,
    pendingRequests: pending.map((r) => Object.assign(r, { customerCode: customer.code })),
  };
}

/**
 * A manager accepts the limit the latest score suggests: lower than today's applies at once, higher
 * (or a first limit) becomes a request that another manager approves.
 */
export async function acceptSuggestedLimit(
  dataSource: DataSource,
  customerCode: string,
  actor: Actor,
): Promise<CreditProfileView> {
  const customer = await dataSource.getRepository(Customer).findOneBy({ code: customerCode });
  if (!customer) throw notFound(`customer ${customerCode}`);
  const [latest] = await dataSource
    .getRepository(CreditScore)
    .find({ where: { customerId: customer.id }, order: { scoredOn: 'DESC' }, take: 1 });
  if (!latest?.suggestedLimit || !latest.suggestedCurrency)
    throw new CreditError(
      CreditErrorCode.WRONG_STATE,
      `${customerCode} has no suggested limit yet (scored nightly)`,
    );
  const currency = latest.suggestedCurrency;
  const current = await dataSource
    .getRepository(CreditLimit)
    .findOneBy({ customerId: customer.id, currency });
  const reason = `suggested by the score of ${latest.scoredOn} (class ${latest.riskClass}, ${latest.score} points)`;
  if (current && latest.suggestedLimit.lte(current.amount))
    await lowerCreditLimit(
      dataSource,
      { customerCode, currency, amount: latest.suggestedLimit.toFixed(), reason },
      actor,
    );
  else
    await requestCreditChange(
      dataSource,
      {
        customerCode,
        kind: CreditRequestKind.LIMIT_CHANGE,
        currency,
        amount: latest.suggestedLimit.toFixed(),
        reason,
      },
      actor,
    );
  return creditProfileOf(dataSource, customerCode);
}
