import type { DataSource } from 'typeorm';
import { verifyAuditChain } from '../../../audit/verify-chain';
import { AdjustmentStatus, PeriodStatus, TaskStatus } from '../../../contract/enums';

/**
 * What every fault test ends with (issue #20): every period in a legal state, no entry or
 * adjustment posted twice, each posted adjustment exactly one ledger entry, no task duplicated, and
 * the audit chain verifies. Returns the problems found, so a failure names all of them.
 */
export async function consistencyProblems(dataSource: DataSource): Promise<string[]> {
  const problems: string[] = [];
  const rows = <T>(sql: string) => dataSource.query(sql) as Promise<T[]>;

  const statuses = await rows<{ status: string }>('SELECT DISTINCT status FROM reconciliation_periods');
  const legal = new Set<string>(Object.values(PeriodStatus));
  for (const { status } of statuses) if (!legal.has(status)) problems.push(`a period in status ${status}`);

  for (const row of await rows<{ adjustment_id: string; n: number }>(
    `SELECT adjustment_id, COUNT(*) AS n FROM ledger_entries
      WHERE adjustment_id IS NOT NULL GROUP BY adjustment_id HAVING COUNT(*) > 1`,
  ))
    problems.push(`adjustment ${row.adjustment_id} posted ${row.n} times`);

  for (const row of await rows<{ id: string; status: string; n: number }>(
    `SELECT a.id, a.status, COUNT(e.id) AS n FROM adjustments a
       LEFT JOIN ledger_entries e ON e.adjustment_id = a.id GROUP BY a.id, a.status`,
  )) {
    const expected = row.status === AdjustmentStatus.POSTED ? 1 : 0;
    if (Number(row.n) !== expected)
      problems.push(`adjustment ${row.id} (${row.status}) has ${row.n} ledger entries, expected ${expected}`);
  }

  for (const row of await rows<{ source: string; external_id: string; n: number }>(
    `SELECT source, external_id, COUNT(*) AS n FROM ledger_entries GROUP BY source, external_id HAVING COUNT(*) > 1`,
  ))
    problems.push(`ledger entry ${row.source}/${row.external_id} stored ${row.n} times`);

  // One open task per cause: the same difference never waits twice in the same queue.
  for (const row of await rows<{ difference_id: string; type: string; n: number }>(
    `SELECT difference_id, type, COUNT(*) AS n FROM tasks
      WHERE difference_id IS NOT NULL AND status IN ('${TaskStatus.OPEN}', '${TaskStatus.CLAIMED}')
      GROUP BY difference_id, type HAVING COUNT(*) > 1`,
  ))
    problems.push(`difference ${row.difference_id} has ${row.n} open ${row.type} tasks`);

  const chain = await verifyAuditChain(dataSource);
  if (!chain.ok) problems.push(`audit chain broken: ${JSON.stringify(chain)}`);
  return problems;
}
