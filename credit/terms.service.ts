// The payment-terms catalogue and who has which terms from when.
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { Customer } from '../entities/customer.entity';
import { CustomerPaymentTerms } from '../entities/customer-payment-terms.entity';
import { PaymentTerms } from '../entities/payment-terms.entity';
import { badInput, CreditError, CreditErrorCode, notFound } from './credit-error';
import { requireDate } from './open-items.service';
import { DEFAULT_TERMS, describeTerms, validateTerms, type TermsRule } from './terms';

export interface TermsInput {
  code: string;
  name: string;
  kind: string;
  days?: number | null;
  instalments?: Array<{ percent: string; days: number; monthEnd?: boolean | null }> | null;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

export const ruleOf = (terms: Pick<PaymentTerms, 'kind' | 'days' | 'instalments'>): TermsRule => ({
  kind: terms.kind,
  days: terms.days,
  instalments: terms.instalments ?? [],
});

const sameRule = (a: TermsRule, b: TermsRule) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Creates a terms rule, or renames one. A rule's days and instalments never change once saved:
 * invoices already issued under it keep their due dates; new terms get a new code.
 */
export async function savePaymentTerms(
  dataSource: DataSource,
  input: TermsInput,
  actor: Actor,
): Promise<PaymentTerms> {
  if (!CODE.test(input.code)) throw badInput('code', 'letters, digits, _ . - (at most 32)');
  const name = input.name.trim();
  if (!name || name.length > 200) throw badInput('name', 'between 1 and 200 characters');
  const checked = validateTerms(input);
  if (!checked.rule)
    throw new CreditError(
      CreditErrorCode.INVALID_INPUT,
      checked.problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
      checked.problems.map((p) => ({ ...p, index: -1 })),
    );
  const rule = checked.rule;
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(PaymentTerms);
    const existing = await repository.findOne({
      where: { code: input.code },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing && !sameRule(ruleOf(existing), rule))
      throw new CreditError(
        CreditErrorCode.WRONG_STATE,
        `terms ${input.code} exist with another rule; issued invoices keep their due dates, so give new terms a new code`,
      );
    if (existing && existing.name === name) return existing;
    const saved = await repository.save(
      existing
        ? Object.assign(existing, { name })
        : repository.create({
            code: input.code,
            name,
            kind: rule.kind,
            days: rule.days,
            instalments: rule.instalments.length ? rule.instalments : null,
          }),
    );
    await appendAudit(manager, {
      ...auditFields(actor),
      action: existing ? 'terms.renamed' : 'terms.created',
      entityType: 'payment_terms',
      entityId: saved.id,
      before: existing ? { name: existing.name } : null,
      after: { code: saved.code, name, ...rule },
    });
    return saved;
  });
}

export function listPaymentTerms(dataSource: DataSource): Promise<PaymentTerms[]> {
  return dataSource.getRepository(PaymentTerms).find({ order: { code: 'ASC' } });
}

/**
 * Gives a customer terms from a date on (replacing an assignment of that same date). Invoices
 * dated before it keep the terms they were issued under.
 */
export async function assignPaymentTerms(
  dataSource: DataSource,
  input: { customerCode: string; termsCode: string; effectiveFrom: string },
  actor: Actor,
): Promise<CustomerPaymentTerms> {
  requireDate(input.effectiveFrom, 'effectiveFrom');
  return dataSource.transaction(async (manager) => {
    const customer = await manager.getRepository(Customer).findOneBy({ code: input.customerCode });
    if (!customer) throw notFound(`customer ${input.customerCode}`);
    const terms = await manager.getRepository(PaymentTerms).findOneBy({ code: input.termsCode });
    if (!terms) throw badInput('termsCode', `no payment terms ${input.termsCode}`);
    const repository = manager.getRepository(CustomerPaymentTerms);
    const before = await repository.findOneBy({
      customerId: customer.id,
      effectiveFrom: input.effectiveFrom,
    });
    await manager.query(
      `INSERT INTO customer_payment_terms (customer_id, terms_id, effective_from, assigned_by)
       VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE terms_id = VALUES(terms_id), assigned_by = VALUES(assigned_by)`,
      [customer.id, terms.id, input.effectiveFrom, actor.id],
    );
    const saved = await repository.findOneByOrFail({
      customerId: customer.id,
      effectiveFrom: input.effectiveFrom,
    });
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'terms.assigned',
      entityType: 'customer',
      entityId: customer.id,
      before: before ? { termsId: before.termsId, effectiveFrom: before.effectiveFrom } : null,
      after: { terms: terms.code, effectiveFrom: input.effectiveFrom },
    });
    return saved;
  });
}

export interface CustomerTermsView {
  /** null: the default (net 30) applies. */
  code: string | null;
  name: string;
  rule: TermsRule;
  effectiveFrom: string | null;
  description: { zh: string; en: string };
}

/** The terms a customer has on `date`, and the history of assignments. */
export async function customerTerms(
  dataSource: DataSource,
  customerId: string,
  date: string,
): Promise<{ current: CustomerTermsView; history: CustomerTermsView[] }> {
  const rows = (await dataSource.query(
    `SELECT DATE_FORMAT(a.effective_from, '%Y-%m-%d') AS effective_from, t.code, t.name, t.kind, t.days, t.instalments
       FROM customer_payment_terms a JOIN payment_terms t ON t.id = a.terms_id
      WHERE a.customer_id = ? ORDER BY a.effective_from`,
    [customerId],
  )) as Array<{
    effective_from: string;
    code: string;
    name: string;
    kind: PaymentTerms['kind'];
    days: number;
    instalments: PaymentTerms['instalments'] | string;
  }>;
  const history = rows.map((row): CustomerTermsView => {
    const rule = ruleOf({
      kind: row.kind,
      days: Number(row.days),
      instalments: typeof row.instalments === 'string' ? JSON.parse(row.instalments) : row.instalments,
    });
    return {
      code: row.code,
      name: row.name,
      rule,
      effectiveFrom: row.effective_from,
      description: describeTerms(rule),
    };
  });
  const inForce = history.filter((h) => h.effectiveFrom! <= date).pop();
  return {
    current: inForce ?? {
      code: null,
      name: 'Net 30 (default)',
      rule: DEFAULT_TERMS,
      effectiveFrom: null,
      description: describeTerms(DEFAULT_TERMS),
    },
    history,
  };
}
