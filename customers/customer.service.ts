import { In, Not, type DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { Customer } from '../entities/customer.entity';
import { PeriodStatus } from '../contract/enums';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { RuleSettingsError, validateRuleSettings } from '../matching/settings';
import { isEmailAddress } from '../formats/email';
import { Money } from '../money/decimal';
import { CustomerError, CustomerErrorCode } from './customer-error';
import { validateWorkflowSettings } from './workflow-settings';

/** Current balance per customer: the exact sum of every ledger entry (what they owe us). */
export async function balancesOf(dataSource: DataSource, customerIds: readonly string[]) {
  const rows = (await dataSource.query(
    `SELECT CAST(customer_id AS CHAR) AS id, SUM(amount) AS total
       FROM ledger_entries WHERE customer_id IN (?) GROUP BY customer_id`,
    [customerIds],
  )) as Array<{ id: string; total: string }>;
  const byId = new Map(rows.map((row) => [row.id, new Money(row.total)]));
  return customerIds.map((id) => byId.get(id) ?? new Money(0));
}

/** Periods not yet closed, oldest first, per customer. */
export async function openPeriodsOf(dataSource: DataSource, customerIds: readonly string[]) {
  const rows = await dataSource.getRepository(ReconciliationPeriod).find({
    where: { customerId: In([...customerIds]), status: Not(PeriodStatus.CLOSED) },
    order: { periodStart: 'ASC', id: 'ASC' },
  });
  return customerIds.map((id) => rows.filter((row) => row.customerId === id));
}

export interface SettingsUpdate {
  /** Matching rules and tolerances (partial; the rest are defaults). Undefined: leave as is. */
  ruleSettings?: unknown;
  /** Reminder/escalation timings and approval thresholds (partial). Undefined: leave as is. */
  workflowSettings?: unknown;
  /** Where statements and confirmation links go; null: nobody. Undefined: leave as is. */
  contactEmail?: string | null;
  /** The version the admin saw; a later change by someone else refuses this one. */
  expectedVersion?: number;
}

function checkContactEmail(raw: string | null): string | null {
  if (raw === null) return null;
  const email = raw.trim();
  if (!isEmailAddress(email))
    throw new CustomerError(CustomerErrorCode.INVALID_SETTINGS, 'contactEmail is not an email address', [
      { index: -1, field: 'contactEmail', reason: 'is not an email address' },
    ]);
  return email;
}

function checkRules(raw: unknown): Record<string, unknown> | null {
  if (raw === null) return null;
  try {
    validateRuleSettings(raw);
  } catch (error) {
    if (error instanceof RuleSettingsError) {
      const field = `ruleSettings.${error.field}`;
      throw new CustomerError(CustomerErrorCode.INVALID_SETTINGS, error.message, [
        { index: -1, field, reason: error.message.replace(/^rule settings: \S+ /, '') },
      ]);
    }
    throw error;
  }
  return raw as Record<string, unknown>;
}

/** Validates and stores a customer's settings, with the before and after in the audit log. */
export async function updateCustomerSettings(
  dataSource: DataSource,
  code: string,
  update: SettingsUpdate,
  actor: Actor,
): Promise<Customer> {
  const rules = update.ruleSettings === undefined ? undefined : checkRules(update.ruleSettings);
  const workflow =
    update.workflowSettings === undefined ? undefined : validateWorkflowSettings(update.workflowSettings);
  const contactEmail = update.contactEmail === undefined ? undefined : checkContactEmail(update.contactEmail);
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(Customer);
    const before = await repository.findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
    if (!before) throw new CustomerError(CustomerErrorCode.NOT_FOUND, `no customer ${code}`);
    if (update.expectedVersion !== undefined && update.expectedVersion !== before.version) {
      throw new CustomerError(
        CustomerErrorCode.STALE_VERSION,
        `customer ${code} is at version ${before.version}, not ${update.expectedVersion}`,
      );
    }
    const changes = {
      ...(rules !== undefined ? { ruleSettings: rules } : {}),
      ...(workflow !== undefined ? { workflowSettings: workflow } : {}),
      ...(contactEmail !== undefined ? { contactEmail } : {}),
    };
    // JSON columns defeat TypeORM's deep-partial typing; the values were validated above.
    const set = { ...changes, version: before.version + 1 } as QueryDeepPartialEntity<Customer>;
    await repository.update({ id: before.id }, set);
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'customer.settings_updated',
      entityType: 'customer',
      entityId: before.id,
      before: {
        ruleSettings: before.ruleSettings,
        workflowSettings: before.workflowSettings,
        contactEmail: before.contactEmail,
      },
      after: {
        ruleSettings: rules !== undefined ? rules : before.ruleSettings,
        workflowSettings: workflow !== undefined ? workflow : before.workflowSettings,
        contactEmail: contactEmail !== undefined ? contactEmail : before.contactEmail,
      },
    });
    return repository.findOneByOrFail({ id: before.id });
  });
}
