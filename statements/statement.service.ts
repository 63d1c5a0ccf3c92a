import { auditFields, SYSTEM_ACTORS, type Actor } from '../contract/actor';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { Customer } from '../entities/customer.entity';
import { CustomerStatement } from '../entities/customer-statement.entity';
import type { StatementSource } from '../contract/enums';
import { StatementLine } from '../entities/statement-line.entity';
import { FieldChecker } from '../ledger/line-validation';
import { InputValidationError } from '../ledger/validation-error';
import { refuseClosedPeriod } from '../periods/closed-periods';
import { firstDifference, type StatementContent, type StatementLineContent } from './statement-identity';

export interface StatementLineInput {
  externalId: string;
  txnDate: string;
  docNo?: string | null;
  reference?: string | null;
  description?: string | null;
  kind: string;
  amount: string;
  currency: string;
}

export interface StatementInput {
  customerCode: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  openingBalance: string;
  closingBalance: string;
  source: StatementSource;
  /** File hash or the sender's idempotency key: the same statement is stored once. */
  sourceRef: string;
  lines: StatementLineInput[];
  /**
   * A customer has one statement per period range (the one its period reconciles): another for the
   * same range is refused unless it replaces that one (the earlier is kept, marked replaced).
   */
  replace?: boolean | null;
}

const CHUNK = 1000;

/** A retry under a stored sourceRef must send the same statement; another body is refused, naming where it differs. */
async function refuseAnotherBody(
  manager: EntityManager,
  existing: CustomerStatement,
  sent: StatementContent,
): Promise<void> {
  const lines = await manager
    .getRepository(StatementLine)
    .find({ where: { statementId: existing.id }, order: { lineNo: 'ASC' } });
  const differs = firstDifference({ ...existing, lines }, sent);
  if (differs)
    throw new InputValidationError([
      {
        index: -1,
        field: 'sourceRef',
        reason: `${existing.sourceRef} was used for statement ${existing.id}, which differs at ${differs}: a new statement needs a new sourceRef (and replace: true for the same range)`,
      },
    ]);
}

/**
 * Stores a customer's statement with its lines, atomically. Every invalid field is reported (the
 * header as item -1, lines by index); re-submitting the same statement under its sourceRef returns the
 * stored one, and another statement under it is refused (BAD_USER_INPUT naming sourceRef). A
 * statement whose range meets a closed period is refused (PERIOD_CLOSED naming the period).
 */
export async function submitStatement(
  dataSource: DataSource,
  input: StatementInput,
  actor: Actor = SYSTEM_ACTORS.import,
): Promise<{ statementId: string; created: boolean; replacedStatementId: string | null }> {
  const header = new FieldChecker(-1);
  const periodStart = header.date('periodStart', input.periodStart);
  const periodEnd = header.date('periodEnd', input.periodEnd);
  const opening = header.amount('openingBalance', input.openingBalance);
  const closing = header.amount('closingBalance', input.closingBalance);
  header.currency('currency', input.currency);
  header.text('sourceRef', input.sourceRef, 128, true);
  const problems = [...header.problems];
  const seen = new Set<string>();
  const lines = input.lines.map((line, index) => {
    const check = new FieldChecker(index);
    const valid = {
      externalId: check.text('externalId', line.externalId, 128, true),
      txnDate: check.date('txnDate', line.txnDate),
      docNo: check.text('docNo', line.docNo, 64, false),
      reference: check.text('reference', line.reference, 128, false),
      description: check.text('description', line.description, 512, false),
      kind: check.kind('kind', line.kind),
      amount: check.amount('amount', line.amount),
      currency: check.currency('currency', line.currency),
      lineNo: index + 1,
    };
    if (valid.currency && valid.currency !== input.currency) {
      check.problems.push({
        index,
        field: 'currency',
        reason: `differs from the statement's ${input.currency}`,
      });
    }
    if (seen.has(line.externalId))
      check.problems.push({ index, field: 'externalId', reason: 'appears twice' });
    seen.add(line.externalId);
    problems.push(...check.problems);
    return valid;
  });
  if (periodStart && periodEnd && periodStart > periodEnd) {
    problems.push({ index: -1, field: 'periodEnd', reason: 'is before periodStart' });
  }
  if (problems.length > 0) throw new InputValidationError(problems);

  return dataSource.transaction(async (manager) => {
    // One statement per range, one per sourceRef: locking the customer row serialises two
    // submissions. It is the transaction's first read, so the reads after it see what a concurrent
    // retry committed while this one waited (REPEATABLE READ takes its snapshot at the first plain read).
    const customer = await manager
      .getRepository(Customer)
      .findOne({ where: { code: input.customerCode }, lock: { mode: 'pessimistic_write' } });
    if (!customer)
      throw new InputValidationError([
        { index: -1, field: 'customerCode', reason: `no customer ${input.customerCode}` },
      ]);
    const existing = await manager
      .getRepository(CustomerStatement)
      .findOneBy({ customerId: customer.id, sourceRef: input.sourceRef });
    if (existing) {
      await refuseAnotherBody(manager, existing, {
        periodStart: periodStart!,
        periodEnd: periodEnd!,
        currency: input.currency,
        openingBalance: opening!,
        closingBalance: closing!,
        lines: lines as StatementLineContent[],
      });
      return { statementId: existing.id, created: false, replacedStatementId: null };
    }
    await refuseClosedPeriod(manager, customer.id, periodStart!, periodEnd!, 'a statement');
    const [current] = (await manager.query(
      `SELECT CAST(id AS CHAR) AS id FROM customer_statements
        WHERE customer_id = ? AND period_start = ? AND period_end = ? AND replaced_by_id IS NULL
        ORDER BY id DESC LIMIT 1 FOR UPDATE`,
      [customer.id, periodStart, periodEnd],
    )) as Array<{ id: string }>;
    if (current && !input.replace) {
      throw new InputValidationError([
        {
          index: -1,
          field: 'replace',
          reason: `customer ${input.customerCode} already has statement ${current.id} for ${periodStart}..${periodEnd}: submit with replace: true to replace it`,
        },
      ]);
    }
    const statement = await manager.getRepository(CustomerStatement).save({
      customerId: customer.id,
      periodStart: periodStart!,
      periodEnd: periodEnd!,
      currency: input.currency,
      openingBalance: opening!,
      closingBalance: closing!,
      source: input.source,
      sourceRef: input.sourceRef,
      lineCount: lines.length,
    });
    for (let start = 0; start < lines.length; start += CHUNK) {
      await manager
        .getRepository(StatementLine)
        .insert(
          lines
            .slice(start, start + CHUNK)
            .map((line) => ({ ...line, statementId: statement.id }) as Partial<StatementLine>),
        );
    }
    if (current) {
      await manager.query('UPDATE customer_statements SET replaced_by_id = ? WHERE id = ?', [
        statement.id,
        current.id,
      ]);
    }
    await appendAudit(manager, {
      ...auditFields(actor),
      action: current ? 'statement.replaced' : 'statement.received',
      entityType: 'statement',
      entityId: statement.id,
      before: current ? { statementId: current.id } : null,
      after: {
        customerCode: input.customerCode,
        periodStart,
        periodEnd,
        lines: lines.length,
        closingBalance: closing!.toFixed(),
      },
    });
    return { statementId: statement.id, created: true, replacedStatementId: current?.id ?? null };
  });
}
