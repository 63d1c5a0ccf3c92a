import { auditFields, SYSTEM_ACTORS, type Actor } from '../contract/actor';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { insertedCount } from '../db/inserted-count';
import { RaceLost, transactionRetryingRaces } from '../db/retry-transaction';
import { Customer } from '../entities/customer.entity';
import type { EntryKind } from '../contract/enums';
import { LedgerEntry } from '../entities/ledger-entry.entity';
import type { Money } from '../money/decimal';
import { FieldChecker } from './line-validation';
import type { FieldProblem } from '../common/domain-error';
import { InputValidationError } from './validation-error';
import { lateEntryWarnings, type LateEntryWarning } from './late-entries';

export interface LedgerEntryInput {
  customerCode: string;
  source: string;
  externalId: string;
  entryDate: string;
  docNo?: string | null;
  reference?: string | null;
  description?: string | null;
  kind: string;
  /** Decimal string; positive increases what the customer owes us. */
  amount: string;
  currency: string;
}

export type UpsertOutcome = 'CREATED' | 'UNCHANGED' | 'CONFLICT';

export interface UpsertItemResult {
  index: number;
  externalId: string;
  outcome: UpsertOutcome;
  id: string;
}

/** An item of a batch that was loaded: one conflict refuses the whole batch. */
export type AcceptedItem = UpsertItemResult & { outcome: Exclude<UpsertOutcome, 'CONFLICT'> };
const accepted = (item: UpsertItemResult): item is AcceptedItem => item.outcome !== 'CONFLICT';

interface ValidEntry {
  customerCode: string;
  source: string;
  externalId: string;
  entryDate: string;
  docNo: string | null;
  reference: string | null;
  description: string | null;
  kind: EntryKind;
  amount: Money;
  currency: string;
}

const CHUNK = 1000;

function validate(items: LedgerEntryInput[]): { entries: ValidEntry[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const entries: ValidEntry[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const check = new FieldChecker(index);
    const entry = {
      customerCode: check.text('customerCode', item.customerCode, 32, true),
      source: check.text('source', item.source, 32, true),
      externalId: check.text('externalId', item.externalId, 128, true),
      entryDate: check.date('entryDate', item.entryDate),
      docNo: check.text('docNo', item.docNo, 64, false),
      reference: check.text('reference', item.reference, 128, false),
      description: check.text('description', item.description, 512, false),
      kind: check.kind('kind', item.kind),
      amount: check.amount('amount', item.amount),
      currency: check.currency('currency', item.currency),
    };
    const key = `${entry.source}\u0000${entry.externalId}`;
    if (seen.has(key))
      check.problems.push({ index, field: 'externalId', reason: 'appears twice in the batch' });
    seen.add(key);
    problems.push(...check.problems);
    if (check.problems.length === 0) entries.push(entry as ValidEntry);
  });
  return { entries, problems };
}

const sameContent = (stored: LedgerEntry, entry: ValidEntry, customerId: string) =>
  stored.customerId === customerId &&
  stored.entryDate === entry.entryDate &&
  stored.docNo === entry.docNo &&
  stored.reference === entry.reference &&
  stored.description === entry.description &&
  stored.kind === entry.kind &&
  stored.amount.equals(entry.amount) &&
  stored.currency === entry.currency;

/**
 * Loads entries idempotently by (source, externalId). The batch is atomic: any invalid item
 * (reported with its index and field), unknown customer or conflicting re-send writes nothing.
 * Re-sending the same batch reports every item UNCHANGED and changes nothing, also when the copies
 * arrive at once: the one that loses a duplicate-key race (or a deadlock) runs again and reads the
 * winner's rows. An entry dated in a closed period is accepted into the next one, with a warning.
 */
export async function upsertLedgerBatch(
  dataSource: DataSource,
  items: LedgerEntryInput[],
  actor: Actor = SYSTEM_ACTORS.import,
): Promise<{ items: AcceptedItem[]; warnings: LateEntryWarning[] }> {
  const { entries, problems } = validate(items);
  if (problems.length > 0) throw new InputValidationError(problems);
  return transactionRetryingRaces(dataSource, async (manager) => {
    const customers = await customerIds(manager, entries, problems);
    if (problems.length > 0) throw new InputValidationError(problems);
    const results: UpsertItemResult[] = [];
    for (let start = 0; start < entries.length; start += CHUNK) {
      results.push(...(await upsertChunk(manager, entries.slice(start, start + CHUNK), start, customers)));
    }
    const conflicts = results.filter((r) => !accepted(r));
    if (conflicts.length > 0) {
      throw new InputValidationError(
        conflicts.map((c) => ({
          index: c.index,
          field: 'externalId',
          reason: 'already loaded with different content',
        })),
      );
    }
    const items = results.filter(accepted);
    const warnings = await lateEntryWarnings(
      manager,
      items.map((r) => ({
        ...r,
        customerId: customers.get(entries[r.index].customerCode)!,
        entryDate: entries[r.index].entryDate,
      })),
    );
    const created = items.filter((r) => r.outcome === 'CREATED').length;
    if (created > 0) {
      await appendAudit(manager, {
        ...auditFields(actor),
        action: 'ledger.entries_loaded',
        entityType: 'ledger',
        entityId: entries[0].source,
        after: {
          created,
          unchanged: items.length - created,
          ...(warnings.length ? { late: warnings.length } : {}),
        },
      });
    }
    return { items, warnings };
  });
}

/** upsertLedgerBatch's items only (loaders that do not report warnings). */
export async function upsertLedgerEntries(
  dataSource: DataSource,
  items: LedgerEntryInput[],
  actor: Actor = SYSTEM_ACTORS.import,
): Promise<AcceptedItem[]> {
  return (await upsertLedgerBatch(dataSource, items, actor)).items;
}

async function customerIds(manager: EntityManager, entries: ValidEntry[], problems: FieldProblem[]) {
  const codes = [...new Set(entries.map((e) => e.customerCode))];
  const rows = codes.length
    ? await manager
        .getRepository(Customer)
        .createQueryBuilder('c')
        .where('c.code IN (:...codes)', { codes })
        .getMany()
    : [];
  const byCode = new Map(rows.map((row) => [row.code, row.id]));
  entries.forEach((entry, index) => {
    if (!byCode.has(entry.customerCode))
      problems.push({ index, field: 'customerCode', reason: `no customer ${entry.customerCode}` });
  });
  return byCode;
}

async function findByKeys(manager: EntityManager, keys: Array<{ source: string; externalId: string }>) {
  if (keys.length === 0) return new Map<string, LedgerEntry>();
  const rows = await manager
    .getRepository(LedgerEntry)
    .createQueryBuilder('e')
    .where(`(e.source, e.externalId) IN (${keys.map((_, i) => `(:s${i}, :x${i})`).join(', ')})`)
    .setParameters(
      Object.fromEntries(
        keys.flatMap((k, i) => [
          [`s${i}`, k.source],
          [`x${i}`, k.externalId],
        ]),
      ),
    )
    .getMany();
  return new Map(rows.map((row) => [keyOf(row), row]));
}

const keyOf = (entry: { source: string; externalId: string }) => `${entry.source}\u0000${entry.externalId}`;

async function upsertChunk(
  manager: EntityManager,
  chunk: ValidEntry[],
  offset: number,
  customers: Map<string, string>,
): Promise<UpsertItemResult[]> {
  const values = chunk.map((entry) => ({ ...entry, customerId: customers.get(entry.customerCode)! }));
  const existing = await findByKeys(manager, values);
  const fresh = values.filter((entry) => !existing.has(keyOf(entry)));
  if (fresh.length > 0) {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(LedgerEntry)
      .values(fresh)
      .orIgnore()
      .updateEntity(false)
      .execute();
    // An ignored row was committed by a concurrent batch after our read: read again from the start.
    if (insertedCount(result) !== fresh.length) throw new RaceLost('ledger entries inserted concurrently');
  }
  const inserted = await findByKeys(manager, fresh);
  return values.map((entry, i) => {
    const before = existing.get(keyOf(entry));
    const row = before ?? inserted.get(keyOf(entry))!;
    const outcome: UpsertOutcome = !before
      ? 'CREATED'
      : sameContent(before, entry, entry.customerId)
        ? 'UNCHANGED'
        : 'CONFLICT';
    return { index: offset + i, externalId: entry.externalId, id: row.id, outcome };
  });
}
