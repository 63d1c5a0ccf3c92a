import { ImportErrorCode, type ImportIssue } from './errors';
import type { ColumnLayout } from './header';
import type { MappedLine } from './row-mapper';

export interface Period {
  /** YYYY-MM-DD, inclusive. */
  readonly start: string;
  readonly end: string;
}

/** Checks that need the whole file: one external id per line, every date inside the statement period. */
export class LineChecks {
  /** Only kept when ids come from the file: row-number ids cannot repeat. */
  private readonly seen: Map<string, number> | null;

  constructor(
    private readonly layout: ColumnLayout,
    private readonly period: Period | null,
    idsFromFile: boolean,
  ) {
    this.seen = idsFromFile ? new Map() : null;
  }

  check(line: MappedLine): ImportIssue[] | null {
    let issues: ImportIssue[] | null = null;
    const period = this.period;
    if (period && (line.txnDate < period.start || line.txnDate > period.end)) {
      issues = [
        {
          code: ImportErrorCode.DATE_OUT_OF_PERIOD,
          row: line.sourceRow,
          column: this.layout.date.label,
          message: `${line.txnDate} is outside the statement period ${period.start}..${period.end}`,
          value: line.txnDate,
        },
      ];
    }
    if (this.seen) {
      const firstRow = this.seen.get(line.externalId);
      if (firstRow === undefined) this.seen.set(line.externalId, line.sourceRow);
      else {
        (issues ??= []).push({
          code: ImportErrorCode.DUPLICATE_EXTERNAL_ID,
          row: line.sourceRow,
          column: (this.layout.externalId ?? this.layout.docNo)?.label ?? null,
          message: `id "${line.externalId}" already used on row ${firstRow}`,
          value: line.externalId,
        });
      }
    }
    return issues;
  }
}
