import type { Command } from 'commander';
import { loadConfig } from '../../config/config';
import { PeriodStatus } from '../../contract/enums';
import { prepareDatabase } from '../../db/prepare-database';
import { formatAmount } from '../../formats/amount';
import { currencyDecimals } from '../../formats/currency';
import { isMonth } from '../../formats/date';
import { listPeriods, type PeriodListRow } from '../../reports/sources';
import { UsageError } from '../exit-codes';
import { displayWidth, padEndTo, padStartTo } from '../text-width';
import { counted } from '../../common/counted';

interface PeriodsOptions {
  customer?: string;
  month?: string;
  status?: string;
  json?: boolean;
}

/** `recon periods`: the reconciliation periods, to name one in `recon export` by customer and month. */
export function register(program: Command): void {
  program
    .command('periods')
    .description('list reconciliation periods: id, customer, month, currency, status, balances')
    .option('--customer <code>', 'one customer')
    .option('--month <YYYY-MM>', 'periods starting in that month')
    .option('--status <status>', Object.values(PeriodStatus).join(', '))
    .option('--json', 'one JSON array instead of the table')
    .action(async (options: PeriodsOptions) => {
      if (options.month !== undefined && !isMonth(options.month))
        throw new UsageError(`--month ${JSON.stringify(options.month)} is not a month YYYY-MM`);
      const status = options.status?.toUpperCase();
      if (status !== undefined && !(Object.values(PeriodStatus) as string[]).includes(status))
        throw new UsageError(
          `--status ${JSON.stringify(options.status)} is not a status: one of ${Object.values(PeriodStatus).join(', ')}`,
        );
      const config = loadConfig();
      const dataSource = await prepareDatabase(config.database);
      try {
        const rows = await listPeriods(dataSource, {
          customerCode: options.customer,
          month: options.month,
          status,
        });
        console.log(options.json ? JSON.stringify(rows, null, 2) : periodTable(rows));
      } finally {
        await dataSource.destroy();
      }
    });
}

const COLUMNS = ['id', 'customer', 'name', 'period', 'currency', 'status', 'ours', 'theirs', 'bridge'];
const RIGHT = new Set(['id', 'ours', 'theirs']);

/** Lines up in a terminal (CJK names take two columns); amounts grouped to the currency's decimals. */
export function periodTable(rows: readonly PeriodListRow[]): string {
  if (rows.length === 0) return 'no periods';
  const money = (amount: string | null, currency: string) =>
    amount === null ? '—' : formatAmount(amount, currencyDecimals(currency));
  const cells = rows.map((r) => [
    r.id,
    r.customerCode,
    r.customerName,
    `${r.periodStart}..${r.periodEnd}`,
    r.currency,
    r.status,
    money(r.ourClosingBalance, r.currency),
    money(r.theirClosingBalance, r.currency),
    r.bridgeTied ? 'ties' : 'open',
  ]);
  const widths = COLUMNS.map((title, i) =>
    Math.max(title.length, ...cells.map((row) => displayWidth(row[i]))),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => (RIGHT.has(COLUMNS[i]) ? padStartTo(cell, widths[i]) : padEndTo(cell, widths[i])))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), ...cells.map(line), counted(rows.length, 'period')].join('\n');
}
