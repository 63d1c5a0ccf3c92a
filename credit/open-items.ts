// Open items (未清项): which receipts and credit notes settle which invoices, and what each invoice
// still owes. Pure: no I/O. Amounts are exact integer units of 1/10,000 (formats/amount.ts).
import { ApplicationSource } from '../contract/credit/enums';
import { normalizeReference } from '../matching/normalize-reference';
import type { DuePart } from './terms';

/** A ledger entry as open-item application needs it. Positive units owe us; negative ones settle. */
export interface LedgerItem {
  id: string;
  date: string;
  kind: string;
  units: bigint;
  currency: string;
  docNo: string | null;
  reference: string | null;
}

/** A clerk's application of a credit (receipt, credit note) to an invoice, by hand. */
export interface ManualApplication {
  id: string;
  creditId: string;
  debitId: string;
  units: bigint;
}

export interface Application {
  creditId: string;
  units: bigint;
  /** When it settled: the later of the credit's and the invoice's dates. */
  on: string;
  source: ApplicationSource;
  /** The hand application it came from (MANUAL only): what a reversal names. */
  applicationId?: string;
}

/** One due part of an invoice (or debit note, or positive adjustment): one per instalment. */
export interface OpenDebit {
  entryId: string;
  /** 1-based instalment number; `parts` is 1 for net and month-end terms. */
  part: number;
  parts: number;
  date: string;
  dueDate: string;
  kind: string;
  docNo: string | null;
  currency: string;
  units: bigint;
  openUnits: bigint;
  applications: Application[];
  /** The day the last of it was settled; null while anything is open. */
  clearedOn: string | null;
}

/** A receipt, credit note or negative adjustment, and what of it no invoice has taken (≤ 0). */
export interface OpenCredit {
  entryId: string;
  date: string;
  kind: string;
  docNo: string | null;
  reference: string | null;
  currency: string;
  units: bigint;
  unappliedUnits: bigint;
}

export interface OpenItems {
  debits: OpenDebit[];
  credits: OpenCredit[];
}

/** Bigint ids as decimal text, compared as numbers. */
export const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

const laterOf = (a: string, b: string) => (a > b ? a : b);
const minUnits = (a: bigint, b: bigint) => (a < b ? a : b);

interface CreditState {
  item: OpenCredit;
  left: bigint;
}

function settle(
  credit: CreditState,
  debit: OpenDebit,
  units: bigint,
  source: ApplicationSource,
  applicationId?: string,
): void {
  if (units <= 0n) return;
  debit.openUnits -= units;
  credit.left -= units;
  credit.item.unappliedUnits += units;
  const on = laterOf(credit.item.date, debit.date);
  debit.applications.push({
    creditId: credit.item.entryId,
    units,
    on,
    source,
    ...(applicationId === undefined ? {} : { applicationId }),
  });
  if (debit.openUnits === 0n) debit.clearedOn = debit.applications.reduce((d, a) => laterOf(d, a.on), on);
}

/** Applies `credit` to `parts` (one invoice's, or several) in their order, up to what each owes. */
function settleParts(
  credit: CreditState,
  parts: OpenDebit[],
  limit: bigint,
  source: ApplicationSource,
  applicationId?: string,
): void {
  let left = minUnits(limit, credit.left);
  for (const part of parts) {
    if (left === 0n) return;
    const units = minUnits(left, part.openUnits);
    settle(credit, part, units, source, applicationId);
    left -= units;
  }
}

const byDue = (a: OpenDebit, b: OpenDebit) =>
  a.dueDate < b.dueDate
    ? -1
    : a.dueDate > b.dueDate
      ? 1
      : a.date < b.date
        ? -1
        : a.date > b.date
          ? 1
          : compareIds(a.entryId, b.entryId) || a.part - b.part;

const byDate = (a: OpenCredit, b: OpenCredit) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : compareIds(a.entryId, b.entryId);

/**
 * Settles a customer's invoices with their receipts and credit notes, currency by currency:
 * first the clerk's manual applications, then credits whose reference names an invoice (normalised
 * as the matching engine does: case, spaces, prefixes, leading zeros, full-width), then everything
 * left oldest due first. A credit dated before an invoice (a prepayment) settles it on the invoice's
 * date. Whatever the order, each application takes the same units from both sides, so a customer's
 * open debits plus its unapplied credits always equal its balance, to the unit.
 */
export function applyReceivables(
  entries: readonly LedgerItem[],
  scheduleOf: (entry: LedgerItem) => DuePart[],
  manual: readonly ManualApplication[] = [],
): OpenItems {
  const debits: OpenDebit[] = [];
  const credits: CreditState[] = [];
  const partsOf = new Map<string, OpenDebit[]>();
  /** Invoices by normalised number and reference (with their currency): what a credit may name. */
  const byKey = new Map<string, OpenDebit[]>();
  for (const entry of entries) {
    if (entry.units > 0n) {
      const schedule = scheduleOf(entry);
      const parts = schedule.map((due, i): OpenDebit => ({
        entryId: entry.id,
        part: i + 1,
        parts: schedule.length,
        date: entry.date,
        dueDate: due.dueDate,
        kind: entry.kind,
        docNo: entry.docNo,
        currency: entry.currency,
        units: due.units,
        openUnits: due.units,
        applications: [],
        clearedOn: null,
      }));
      parts.sort(byDue);
      partsOf.set(entry.id, parts);
      debits.push(...parts);
      for (const key of new Set([
        normalizeReference(entry.docNo ?? ''),
        normalizeReference(entry.reference ?? ''),
      ])) {
        if (!key) continue;
        const list = byKey.get(`${entry.currency}|${key}`);
        if (list) list.push(...parts);
        else byKey.set(`${entry.currency}|${key}`, [...parts]);
      }
    } else if (entry.units < 0n) {
      credits.push({
        item: {
          entryId: entry.id,
          date: entry.date,
          kind: entry.kind,
          docNo: entry.docNo,
          reference: entry.reference,
          currency: entry.currency,
          units: entry.units,
          unappliedUnits: entry.units,
        },
        left: -entry.units,
      });
    }
  }
  debits.sort(byDue);
  credits.sort((a, b) => byDate(a.item, b.item));
  const creditById = new Map(credits.map((c) => [c.item.entryId, c]));

  // 1. By hand, in the order the clerk applied them (never more than either side has left).
  for (const application of [...manual].sort((a, b) => compareIds(a.id, b.id))) {
    const credit = creditById.get(application.creditId);
    const parts = partsOf.get(application.debitId);
    if (!credit || !parts || parts[0].currency !== credit.item.currency) continue;
    settleParts(credit, parts, application.units, ApplicationSource.MANUAL, application.id);
  }

  // 2. By reference: the credit names the invoice (its number or its reference).
  if (byKey.size > 0) {
    for (const credit of credits) {
      if (credit.left === 0n || !credit.item.reference) continue;
      const key = normalizeReference(credit.item.reference);
      const parts = key ? byKey.get(`${credit.item.currency}|${key}`) : undefined;
      if (parts) settleParts(credit, [...parts].sort(byDue), credit.left, ApplicationSource.REFERENCE);
    }
  }

  // 3. Oldest due first, currency by currency.
  const byCurrency = new Map<string, { debits: OpenDebit[]; credits: CreditState[] }>();
  const group = (currency: string) => {
    let g = byCurrency.get(currency);
    if (!g) byCurrency.set(currency, (g = { debits: [], credits: [] }));
    return g;
  };
  for (const debit of debits) if (debit.openUnits > 0n) group(debit.currency).debits.push(debit);
  for (const credit of credits) if (credit.left > 0n) group(credit.item.currency).credits.push(credit);
  for (const { debits: open, credits: left } of byCurrency.values()) {
    let d = 0;
    for (const credit of left) {
      while (credit.left > 0n && d < open.length) {
        const debit = open[d];
        settle(credit, debit, minUnits(credit.left, debit.openUnits), ApplicationSource.OLDEST_FIRST);
        if (debit.openUnits === 0n) d += 1;
      }
      if (d >= open.length) break;
    }
  }
  return { debits, credits: credits.map((c) => c.item) };
}

/** The open debits' total plus the unapplied credits' (negative), per currency: the balance. */
export function openBalance(items: OpenItems): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const d of items.debits) totals.set(d.currency, (totals.get(d.currency) ?? 0n) + d.openUnits);
  for (const c of items.credits) totals.set(c.currency, (totals.get(c.currency) ?? 0n) + c.unappliedUnits);
  return totals;
}
