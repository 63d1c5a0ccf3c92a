import { importRows, importSeconds } from '../observability/metrics';

/** Counts one finished import in the process's metrics: rows by outcome and the time it took. */
export function recordImport(
  result: { status: string; lineCount?: number; rejectedRowCount?: number },
  startedNs: bigint,
): void {
  importSeconds.observe(Number(process.hrtime.bigint() - startedNs) / 1e9);
  if (result.status === 'IMPORTED' && result.lineCount)
    importRows.inc({ outcome: 'accepted' }, result.lineCount);
  if (result.rejectedRowCount) importRows.inc({ outcome: 'rejected' }, result.rejectedRowCount);
}
