import type { TextEncoding } from '../formats/encoding';
import { ImportErrorCode, ImportFileError, type ImportIssue } from './errors';
import { openRowSource, type RowSource } from './file-source';
import { HEADER_SEARCH_ROWS, resolveLayout, type ColumnLayout } from './header';
import { LineChecks, type Period } from './line-checks';
import { ExactSum } from '../formats/amount';
import { createRowMapper, type LineIdSource } from './row-mapper';
import { StatementFacts, type BalanceFact, type ImportWarning, type PreviewLine } from './statement-facts';
import type { MappingTemplate } from './template';
import type { CellValue, FileFormat, ImportInput, SheetRow, StatementLineInput } from './types';
import { agreeing, counted } from '../common/counted';

export interface ReadOptions {
  /** Currency of the statement (the customer's); lines in another are rejected. */
  readonly currency: string;
  /** When set, lines dated outside it are rejected. */
  readonly period?: Period;
  /** Rejected rows kept for the report and the rejects file; the count goes on past it. Default 100,000. */
  readonly maxRejectsKept?: number;
  /** Ids of lines without an id column: their row (statements, the default) or document number (ledgers). */
  readonly lineIds?: LineIdSource;
}

/** A row that did not become a line, with every reason. */
export interface RejectedRow {
  readonly row: number;
  readonly cells: readonly CellValue[];
  readonly issues: readonly ImportIssue[];
}

export interface ReadBatch {
  readonly lines: StatementLineInput[];
  readonly rejected: RejectedRow[];
}

/** What a full pass over the file found. */
export interface ReadSummary {
  readonly format: FileFormat;
  readonly encoding: TextEncoding | null;
  /** CSV: the delimiter read with. */
  readonly delimiter: string | null;
  readonly sheetName: string | null;
  /** Header label of each column. */
  readonly columns: readonly string[];
  /** The file's rows up to and including the header (titles above it too), as they were: the rejects file repeats them. */
  readonly headerRows: readonly SheetRow[];
  /** The balance rows found (期初余额, 期末余额, …), signed like lines. */
  readonly openingBalance: BalanceFact | null;
  readonly closingBalance: BalanceFact | null;
  /** The first lines as parsed, with sign and kind: what the dry run shows. */
  readonly preview: readonly PreviewLine[];
  /** What does not stop the import but should be seen (skipped rows, repeated lines, a reversed sign, …). */
  readonly warnings: readonly ImportWarning[];
  readonly lineCount: number;
  readonly rejectedRowCount: number;
  /** Sum of accepted line amounts, exact. */
  readonly total: string;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  /** Problems of the whole file (structure), then of rows, up to maxRejectsKept rows. */
  readonly issues: readonly ImportIssue[];
  readonly rejects: readonly RejectedRow[];
}

/**
 * Reads a statement file by a mapping template, streaming: `open` finds the header (and fails fast
 * with an ImportFileError when the file or template is unusable), `batches` yields accepted lines and
 * rejected rows in file order, `summary` tells the totals once the batches are consumed.
 */
export class StatementReader {
  private lineCount = 0;
  private rejectedRowCount = 0;
  private readonly total = new ExactSum();
  private firstDate: string | null = null;
  private lastDate: string | null = null;
  private readonly rejects: RejectedRow[] = [];
  private readonly facts = new StatementFacts();
  private consumed = false;

  private constructor(
    private readonly source: RowSource,
    readonly layout: ColumnLayout,
    private readonly leading: readonly SheetRow[],
    private readonly rest: AsyncIterator<readonly SheetRow[]>,
    private readonly template: MappingTemplate,
    private readonly options: ReadOptions,
  ) {}

  static async open(
    input: ImportInput,
    template: MappingTemplate,
    options: ReadOptions,
  ): Promise<StatementReader> {
    const source = await openRowSource(input, template);
    const iterator = toAsyncIterator(source.batches);
    // Enough leading rows to find the header in.
    const needed = Math.max(HEADER_SEARCH_ROWS, (template.headerRow ?? 0) + (template.headerRows ?? 1));
    const leading: SheetRow[] = [];
    while (leading.length < needed) {
      const next = await iterator.next();
      if (next.done) break;
      for (const row of next.value) leading.push(row);
    }
    if (leading.length === 0) {
      if (source.problems[0]) throw new ImportFileError(source.problems[0].code, source.problems[0].message);
      throw new ImportFileError(ImportErrorCode.EMPTY_FILE, 'the file has no rows');
    }
    let layout: ColumnLayout;
    try {
      layout = resolveLayout(leading, template);
    } catch (error) {
      await iterator.return?.(); // frees the CSV thread
      throw error;
    }
    return new StatementReader(source, layout, leading, iterator, template, options);
  }

  get format(): FileFormat {
    return this.source.format;
  }

  async *batches(): AsyncGenerator<ReadBatch> {
    if (this.consumed) throw new Error('StatementReader.batches() can be read once');
    this.consumed = true;
    const idSource = this.options.lineIds ?? 'ROW';
    const mapRow = createRowMapper(this.layout, this.template, this.options.currency, idSource);
    const idsFromFile = this.layout.externalId !== undefined || idSource === 'DOC_NO';
    const checks = new LineChecks(this.layout, this.options.period ?? null, idsFromFile);
    const maxKept = this.options.maxRejectsKept ?? 100_000;
    const firstDataRow = this.layout.lastHeaderRow;

    const process = (rows: readonly SheetRow[]): ReadBatch => {
      const batch: ReadBatch = { lines: [], rejected: [] };
      for (const row of rows) {
        if (row.row <= firstDataRow) continue;
        const result = mapRow(row);
        if (result === null) continue;
        let issues: ImportIssue[] | null;
        if (Array.isArray(result)) issues = result;
        else if ('tag' in result) {
          if (result.tag === 'skipped') {
            this.facts.addSkipped(result);
            continue;
          }
          issues = this.facts.addBalance(result);
          if (issues === null) continue;
        } else {
          issues = checks.check(result);
          if (issues === null) {
            this.lineCount += 1;
            result.lineNo = this.lineCount;
            this.total.add(result.amount);
            if (this.firstDate === null || result.txnDate < this.firstDate) this.firstDate = result.txnDate;
            if (this.lastDate === null || result.txnDate > this.lastDate) this.lastDate = result.txnDate;
            this.facts.addLine(result);
            batch.lines.push(result);
            continue;
          }
        }
        this.rejectedRowCount += 1;
        const rejected: RejectedRow = { row: row.row, cells: row.cells, issues: issues ?? [] };
        if (this.rejects.length < maxKept) this.rejects.push(rejected);
        batch.rejected.push(rejected);
      }
      return batch;
    };

    try {
      yield process(this.leading);
      for (let next = await this.rest.next(); !next.done; next = await this.rest.next()) {
        yield process(next.value);
      }
    } finally {
      // Stopped early (an error, a caller that gave up): the file's reader, a thread for CSV, ends too.
      await this.rest.return?.();
    }
  }

  summary(): ReadSummary {
    return {
      format: this.source.format,
      encoding: this.source.encoding,
      delimiter: this.source.delimiter,
      sheetName: this.source.sheetName,
      columns: this.layout.labels,
      headerRows: this.leading.filter((row) => row.row <= this.layout.lastHeaderRow),
      openingBalance: this.facts.opening,
      closingBalance: this.facts.closing,
      preview: this.facts.preview,
      warnings: this.facts.warnings(),
      lineCount: this.lineCount,
      rejectedRowCount: this.rejectedRowCount,
      total: this.total.value(),
      firstDate: this.firstDate,
      lastDate: this.lastDate,
      issues: [...this.source.problems, ...summariseOutOfPeriod(this.rejects.flatMap((r) => r.issues))],
      rejects: this.rejects,
    };
  }

  /** True when the file had a problem of structure or a rejected row. */
  hasProblems(): boolean {
    return this.rejectedRowCount > 0 || this.source.problems.length > 0;
  }
}

/**
 * A wrong month makes every row DATE_OUT_OF_PERIOD: one summary says it, instead of one line per row
 * (the rejects file still names each row).
 */
function summariseOutOfPeriod(issues: readonly ImportIssue[]): ImportIssue[] {
  const outside = issues.filter((issue) => issue.code === ImportErrorCode.DATE_OUT_OF_PERIOD);
  if (outside.length < 2) return [...issues];
  const dates = outside.map((issue) => issue.value ?? '').sort();
  const rows = outside.map((issue) => issue.row);
  const period = /the statement period (\S+)/.exec(outside[0]?.message ?? '')?.[1] ?? '';
  const summary: ImportIssue = {
    code: ImportErrorCode.DATE_OUT_OF_PERIOD,
    row: null,
    column: outside[0]?.column ?? null,
    message:
      `${counted(outside.length, 'row')} ${agreeing(outside.length, 'is', 'are')} dated ${dates[0]}..${dates[dates.length - 1]}, outside the statement period ${period} ` +
      `(rows ${rows.slice(0, 8).join(', ')}${rows.length > 8 ? ', …' : ''}): is the period right?`,
  };
  const rest = issues.filter((issue) => issue.code !== ImportErrorCode.DATE_OUT_OF_PERIOD);
  return [summary, ...rest];
}

function toAsyncIterator<T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]();
  const sync = source[Symbol.iterator]();
  return { next: async () => sync.next() };
}

/** Read a whole file into memory: previews, the API's validation step, small files. */
export async function readStatementFile(
  input: ImportInput,
  template: MappingTemplate,
  options: ReadOptions,
): Promise<{ lines: StatementLineInput[]; summary: ReadSummary }> {
  const reader = await StatementReader.open(input, template, options);
  const lines: StatementLineInput[] = [];
  for await (const batch of reader.batches()) for (const line of batch.lines) lines.push(line);
  return { lines, summary: reader.summary() };
}
