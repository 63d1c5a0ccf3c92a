import { EntryKind } from '../contract/enums';
import { formatAmount } from '../formats/amount';
import { lookupKind } from '../formats/kinds';
import { ImportErrorCode, type ImportIssue } from './errors';
import type { BalanceRow, MappedLine, SkippedRow } from './row-mapper';
import { counted } from '../common/counted';

/**
 * Things worth telling about a file that do not stop it from being imported: a warning is printed,
 * returned, and kept in the dry run's verdict; an error (ImportIssue) rejects the row or the file.
 */
export const ImportWarningCode = {
  /** No opening balance in the file (期初余额) nor given: 0 was taken. */
  OPENING_ASSUMED: 'OPENING_ASSUMED',
  /** A balance row without an amount anywhere: read as 0. */
  BALANCE_ROW_EMPTY: 'BALANCE_ROW_EMPTY',
  /** Closing ≠ opening + lines: lines are missing or wrong. */
  STATEMENT_DOES_NOT_TIE: 'STATEMENT_DOES_NOT_TIE',
  /** A line repeating another line of the file (or of the statement it is added to). */
  REPEATED_LINE: 'REPEATED_LINE',
  /** Invoices lowering the balance and receipts raising it: the amount direction looks reversed. */
  SIGN_SUSPECT: 'SIGN_SUSPECT',
  /** Totals and footer rows (合计, 本年累计, 制表人, …) that were skipped. */
  ROWS_SKIPPED: 'ROWS_SKIPPED',
  /** The period was not given: taken from the lines' dates. */
  PERIOD_INFERRED: 'PERIOD_INFERRED',
  /** An ERP export's balance row: our opening comes from earlier periods, so it is not loaded. */
  BALANCE_ROW_NOT_LOADED: 'BALANCE_ROW_NOT_LOADED',
  /** The statement's period has gone past extraction: it sees the new lines when matched again. */
  PERIOD_ALREADY_EXTRACTED: 'PERIOD_ALREADY_EXTRACTED',
} as const;
export type ImportWarningCode = (typeof ImportWarningCode)[keyof typeof ImportWarningCode];

export interface ImportWarning {
  readonly code: ImportWarningCode;
  /** The row it is about, when one. */
  readonly row: number | null;
  readonly message: string;
}

/** A balance row as read. */
export interface BalanceFact {
  /** Exact decimal text, signed like lines (positive: the customer owes us). */
  readonly amount: string;
  readonly row: number;
  readonly date: string | null;
  readonly label: string;
}

/** One parsed line as the dry run shows it: how the file's row was understood. */
export interface PreviewLine {
  readonly row: number;
  readonly date: string;
  readonly docNo: string | null;
  readonly description: string | null;
  readonly kind: EntryKind;
  /** Whether the kind came from the file or from the amount's sign. */
  readonly kindGiven: boolean;
  /** Signed: + raises what the customer owes us, − lowers it. */
  readonly amount: string;
}

const KEPT = 20;
const PREVIEW = 10;

/** Kinds whose amount is expected to raise what the customer owes, and to lower it. */
const RAISES = new Set<EntryKind>([EntryKind.INVOICE, EntryKind.DEBIT_NOTE]);
const LOWERS = new Set<EntryKind>([EntryKind.RECEIPT, EntryKind.CREDIT_NOTE]);
/** Descriptions worth looking up in the kinds table when the file has no kind column. */
const MAY_NAME_KIND = /发票|收款|回款|付款|到款|退货|折让|红字|invoice|payment|receipt|credit/i;

/**
 * What a pass over the file learns beyond its lines: the balance rows, the rows skipped as totals or
 * footers, lines that repeat one another, and whether invoices and receipts go the way the template
 * says. Bounded memory: a 53-bit fingerprint per line, a few examples of each finding.
 */
export class StatementFacts {
  opening: BalanceFact | null = null;
  closing: BalanceFact | null = null;
  readonly skipped: SkippedRow[] = [];
  skippedCount = 0;
  readonly repeats: Array<{ row: number; firstRow: number; line: string }> = [];
  repeatCount = 0;
  readonly preview: PreviewLine[] = [];
  private readonly emptyBalances: BalanceRow[] = [];
  private readonly fingerprints = new FingerprintTable();
  private readonly wrongWay: number[] = [];
  private wrongWayCount = 0;
  private rightWayCount = 0;
  private readonly descriptionKinds = new Map<string, EntryKind | null>();

  /** Takes a balance row; a second, different one of the same kind is an error of that row. */
  addBalance(balance: BalanceRow): ImportIssue[] | null {
    if (balance.issues.length > 0) return [...balance.issues];
    if (balance.amount === null) this.emptyBalances.push(balance);
    const fact: BalanceFact = {
      amount: balance.amount ?? '0',
      row: balance.row,
      date: balance.date,
      label: balance.label,
    };
    const which = balance.balance === 'OPENING_BALANCE' ? 'opening' : 'closing';
    const earlier = this[which];
    if (!earlier) {
      this[which] = fact;
      return null;
    }
    if (earlier.amount === fact.amount) return null;
    return [
      {
        code: ImportErrorCode.CONFLICTING_BALANCE_ROWS,
        row: balance.row,
        column: null,
        message: `a second ${which} balance row (${balance.label} ${formatAmount(fact.amount)}) differs from row ${earlier.row} (${formatAmount(earlier.amount)})`,
        value: fact.amount,
      },
    ];
  }

  addSkipped(row: SkippedRow): void {
    this.skippedCount += 1;
    if (this.skipped.length < KEPT) this.skipped.push(row);
  }

  /** Takes an accepted line. */
  addLine(line: MappedLine): void {
    if (this.preview.length < PREVIEW) {
      this.preview.push({
        row: line.sourceRow,
        date: line.txnDate,
        docNo: line.docNo,
        description: line.description,
        kind: line.kind,
        kindGiven: line.kindGiven,
        amount: line.amount,
      });
    }
    const firstRow = this.fingerprints.addOrFind(lineFingerprint(line), line.sourceRow);
    if (firstRow !== null) {
      this.repeatCount += 1;
      if (this.repeats.length < KEPT)
        this.repeats.push({ row: line.sourceRow, firstRow, line: describe(line) });
    }
    const kind = line.kindGiven ? line.kind : this.kindOfDescription(line.description);
    if (kind === null || line.amount === '0') return;
    const raises = !line.amount.startsWith('-');
    if ((RAISES.has(kind) && !raises) || (LOWERS.has(kind) && raises)) {
      this.wrongWayCount += 1;
      if (this.wrongWay.length < 5) this.wrongWay.push(line.sourceRow);
    } else if (RAISES.has(kind) || LOWERS.has(kind)) {
      this.rightWayCount += 1;
    }
  }

  warnings(): ImportWarning[] {
    const warnings: ImportWarning[] = [];
    for (const balance of this.emptyBalances) {
      warnings.push({
        code: ImportWarningCode.BALANCE_ROW_EMPTY,
        row: balance.row,
        message: `${balance.label} has no amount (in the balance or amount columns): read as 0`,
      });
    }
    if (this.skippedCount > 0) {
      warnings.push({
        code: ImportWarningCode.ROWS_SKIPPED,
        row: null,
        message:
          `${counted(this.skippedCount, 'totals/footer row')} skipped: ` +
          this.skipped.map((s) => `row ${s.row} "${s.text.slice(0, 24)}"`).join(', ') +
          (this.skippedCount > this.skipped.length ? ', …' : ''),
      });
    }
    for (const repeat of this.repeats) {
      warnings.push({
        code: ImportWarningCode.REPEATED_LINE,
        row: repeat.row,
        message: `repeats row ${repeat.firstRow} (${repeat.line}): imported twice, as the file says; remove one if it is a copy`,
      });
    }
    if (this.repeatCount > this.repeats.length) {
      warnings.push({
        code: ImportWarningCode.REPEATED_LINE,
        row: null,
        message: `${counted(this.repeatCount - this.repeats.length, 'more repeated line')}`,
      });
    }
    if (this.wrongWayCount >= 2 && this.wrongWayCount > this.rightWayCount) {
      warnings.push({
        code: ImportWarningCode.SIGN_SUSPECT,
        row: this.wrongWay[0] ?? null,
        message:
          `${this.wrongWayCount} of ${this.wrongWayCount + this.rightWayCount} invoices and receipts go the wrong way ` +
          `(invoices lowering what the customer owes, receipts raising it; rows ${this.wrongWay.join(', ')}): ` +
          'the amount direction looks reversed. A customer books our invoices on the credit side (贷方) of its ' +
          'payables: set amount.debitIs (or positiveMeans) to DECREASE',
      });
    }
    return warnings;
  }

  private kindOfDescription(description: string | null): EntryKind | null {
    if (description === null || description.length > 40 || !MAY_NAME_KIND.test(description)) return null;
    let kind = this.descriptionKinds.get(description);
    if (kind === undefined) {
      const code = lookupKind(description) ?? lookupKind(description.trim().split(/[\s:：,，(（]+/)[0] ?? '');
      kind = code && code !== 'OPENING_BALANCE' && code !== 'CLOSING_BALANCE' ? EntryKind[code] : null;
      if (this.descriptionKinds.size < 1000) this.descriptionKinds.set(description, kind);
    }
    return kind;
  }
}

function describe(line: MappedLine): string {
  return [line.txnDate, line.docNo ?? line.reference, formatAmount(line.amount)].filter(Boolean).join(', ');
}

/** What makes two lines the same line: everything but their row (and row-made id). */
function lineFingerprint(line: MappedLine): number {
  return fingerprint(
    `${line.txnDate}\u0001${line.amount}\u0001${line.docNo ?? ''}\u0001${line.reference ?? ''}\u0001` +
      `${line.description ?? ''}\u0001${line.kind}\u0001${line.currency}`,
  );
}

/** Two 32-bit FNV-1a style hashes folded into one 53-bit number: collisions are ~1 in 10^15. */
export function fingerprint(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** Open addressing over typed arrays: a few bytes per line, where a Map of strings would take ~150. */
class FingerprintTable {
  private keys = new Float64Array(1024).fill(-1);
  private rows = new Int32Array(1024);
  private size = 0;

  /** Adds the fingerprint with its row; returns the row that had it first, or null when new. */
  addOrFind(key: number, row: number): number | null {
    if (this.size * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let slot = key % this.keys.length; ; slot = (slot + 1) & mask) {
      const held = this.keys[slot];
      if (held === -1) {
        this.keys[slot] = key;
        this.rows[slot] = row;
        this.size += 1;
        return null;
      }
      if (held === key) return this.rows[slot] ?? null;
    }
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.rows = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i] as number;
      if (key !== -1) this.addOrFind(key, rows[i] as number);
    }
  }
}
