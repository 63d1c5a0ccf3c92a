import { isCanonicalId } from '../contract/ids';
import { escape } from 'mysql2';
import type { BulkTarget } from './load-stream';
import type { StatementLineInput } from './types';

/**
 * LOAD DATA's default text format: tab-separated fields, LF-terminated lines, backslash escapes,
 * \N for NULL. The column order here and in STATEMENT_LINE_COLUMNS must agree.
 */
export const STATEMENT_LINE_COLUMNS = [
  'line_no',
  'external_id',
  'txn_date',
  'doc_no',
  'reference',
  'description',
  'kind',
  'amount',
  'currency',
] as const;

const NEEDS_ESCAPE = /[\\\t\n\r\0]/;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
};

/** Text for one field; null is \N, and a backslash, tab, line break or NUL is escaped. */
export function loadDataField(value: string | null): string {
  if (value === null) return '\\N';
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r\0]/g, (ch) => ESCAPES[ch] ?? ch) : value;
}

/** One statement line as a LOAD DATA text line (with its LF). */
export function statementLineRow(line: StatementLineInput): string {
  return (
    `${line.lineNo}\t${loadDataField(line.externalId)}\t${line.txnDate}\t${loadDataField(line.docNo)}\t` +
    `${loadDataField(line.reference)}\t${loadDataField(line.description)}\t${line.kind}\t${line.amount}\t` +
    `${line.currency}\n`
  );
}

/** The statement for a LOAD DATA LOCAL of statement lines into one statement; the file name is nominal. */
export function loadStatementLinesSql(statementId: string, importFileId: string): string {
  for (const id of [statementId, importFileId]) {
    if (!isCanonicalId(id)) throw new RangeError(`bad id ${JSON.stringify(id)}`);
  }
  return (
    "LOAD DATA LOCAL INFILE 'statement-lines.tsv' INTO TABLE statement_lines CHARACTER SET utf8mb4 " +
    "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' " +
    `(${STATEMENT_LINE_COLUMNS.join(', ')}) SET statement_id = ${statementId}, import_file_id = ${importFileId}`
  );
}

/** ledger_entries columns carried by the text; customer, source and import file are SET per file. */
export const LEDGER_ENTRY_COLUMNS = [
  'external_id',
  'entry_date',
  'doc_no',
  'reference',
  'description',
  'kind',
  'amount',
  'currency',
] as const;

/** One ledger entry as a LOAD DATA text line (with its LF). */
export function ledgerEntryRow(line: StatementLineInput): string {
  return (
    `${loadDataField(line.externalId)}\t${line.txnDate}\t${loadDataField(line.docNo)}\t${loadDataField(line.reference)}\t` +
    `${loadDataField(line.description)}\t${line.kind}\t${line.amount}\t${line.currency}\n`
  );
}

/**
 * LOAD DATA of ledger entries; IGNORE skips an entry whose (source, external_id) is already there,
 * which is what makes loading an ERP export twice harmless.
 */
export function loadLedgerEntriesSql(customerId: string, importFileId: string, source: string): string {
  for (const id of [customerId, importFileId]) {
    if (!isCanonicalId(id)) throw new RangeError(`bad id ${JSON.stringify(id)}`);
  }
  return (
    "LOAD DATA LOCAL INFILE 'ledger-entries.tsv' IGNORE INTO TABLE ledger_entries CHARACTER SET utf8mb4 " +
    "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' " +
    `(${LEDGER_ENTRY_COLUMNS.join(', ')}) ` +
    `SET customer_id = ${customerId}, import_file_id = ${importFileId}, source = ${escape(source)}`
  );
}

/** Where a statement's lines go, by LOAD DATA or by INSERT. */
export function statementLinesTarget(statementId: string, importFileId: string): BulkTarget {
  return {
    loadDataSql: loadStatementLinesSql(statementId, importFileId),
    tsvRow: statementLineRow,
    insertSql: `INSERT INTO statement_lines (statement_id, import_file_id, ${STATEMENT_LINE_COLUMNS.join(', ')}) VALUES ?`,
    values: (l) => [
      statementId,
      importFileId,
      l.lineNo,
      l.externalId,
      l.txnDate,
      l.docNo,
      l.reference,
      l.description,
      l.kind,
      l.amount,
      l.currency,
    ],
  };
}

/** Where a customer's ledger entries go; entries already there (same source and id) are skipped. */
export function ledgerEntriesTarget(customerId: string, importFileId: string, source: string): BulkTarget {
  return {
    loadDataSql: loadLedgerEntriesSql(customerId, importFileId, source),
    tsvRow: ledgerEntryRow,
    insertSql: `INSERT IGNORE INTO ledger_entries (customer_id, import_file_id, source, ${LEDGER_ENTRY_COLUMNS.join(', ')}) VALUES ?`,
    values: (l) => [
      customerId,
      importFileId,
      source,
      l.externalId,
      l.txnDate,
      l.docNo,
      l.reference,
      l.description,
      l.kind,
      l.amount,
      l.currency,
    ],
  };
}
