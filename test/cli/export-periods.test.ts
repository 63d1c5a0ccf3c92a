import { readFileSync } from 'node:fs';
import path from 'node:path';
import { register as registerExport } from '../../cli/commands/export';
import { register as registerPeriods } from '../../cli/commands/periods';
import { Customer } from '../../entities/customer.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Money } from '../../money/decimal';
import { renderReport } from '../../reports';
import { buildReportData } from '../../reports/sources';
import type { KpiReportData, ReconSummaryData } from '../../reports/types';
import { runRecon, useCliDatabase } from '../support/cli-run';

// Issue #19 points 12 and 15: `recon export … --customer C001 --period 2026-10` without internal
// ids, `recon periods` to list them; the summary names the currencies it left out; --lang fr and
// reversed ranges are refused.
const cli = useCliDatabase('export_periods');

const recon = (...args: string[]) => runRecon([registerExport, registerPeriods], args);

beforeAll(async () => {
  const customers = cli.db.dataSource.getRepository(Customer);
  const periods = cli.db.dataSource.getRepository(ReconciliationPeriod);
  const c1 = await customers.save({ code: 'C001', name: '杭州客户科技有限公司', currency: 'CNY' });
  const c2 = await customers.save({ code: 'C002', name: 'Globex', currency: 'USD' });
  const period = (customerId: string, start: string, end: string, currency: string, closing: string) =>
    periods.save({
      customerId,
      periodStart: start,
      periodEnd: end,
      currency,
      workflowId: `recon-${customerId}-${start}-${currency}`,
      ourClosingBalance: new Money(closing),
      theirClosingBalance: new Money(closing),
      bridgeTied: true,
    });
  await period(c1.id, '2026-09-01', '2026-09-30', 'CNY', '1000');
  await period(c1.id, '2026-10-01', '2026-10-31', 'CNY', '12345.6');
  await period(c2.id, '2026-10-01', '2026-10-31', 'USD', '99.5');
});

it('recon periods lists periods by customer and month, amounts grouped, names lined up', async () => {
  const all = (await recon('periods')).split('\n');
  expect(all[0]).toMatch(/^\s*id\s+customer\s+name\s+period\s+currency\s+status\s+ours\s+theirs\s+bridge$/);
  expect(all).toHaveLength(5);
  expect(all[4]).toBe('3 periods');
  const october = await recon('periods', '--customer', 'C001', '--month', '2026-10');
  expect(october).toMatch(
    /C001\s+杭州客户科技有限公司\s+2026-10-01\.\.2026-10-31\s+CNY\s+OPEN\s+12,345\.60\s+12,345\.60\s+ties/,
  );
  expect(october).not.toContain('2026-09-01');
  const json = JSON.parse(await recon('periods', '--month', '2026-10', '--json')) as Array<{
    customerCode: string;
  }>;
  expect(json.map((p) => p.customerCode)).toEqual(['C001', 'C002']);
  await expect(recon('periods', '--month', '2026-13')).rejects.toThrow(/--month "2026-13" is not a month/);
  await expect(recon('periods', '--status', 'DONE')).rejects.toThrow(/--status "DONE" is not a status/);
});

it('recon export names a period by customer and month, not by internal id', async () => {
  const out = path.join(cli.dir, 'bridge.csv');
  expect(
    await recon(
      'export',
      'bridge',
      '--customer',
      'C001',
      '--period',
      '2026-10',
      '--format',
      'csv',
      '--lang',
      'en',
      '--out',
      out,
    ),
  ).toMatch(/^wrote .*bridge\.csv \(\d+ bytes\)$/);
  const csv = readFileSync(out, 'utf8');
  expect(csv).toContain('Customer,杭州客户科技有限公司 (C001)');
  expect(csv).toContain('Period,2026-10-01 ~ 2026-10-31');
  await expect(
    recon('export', 'bridge', '--customer', 'C001', '--period', '2026-11', '--out', out),
  ).rejects.toThrow(/customer C001 has no period starting in 2026-11; `recon periods --customer C001`/);
  await expect(recon('export', 'statement', '--customer', 'C001', '--out', out)).rejects.toThrow(
    /statement needs --customer CODE --period YYYY-MM \(or --period-id\)/,
  );
});

it('--out bridge.csv without --format writes CSV (it wrote a PDF named .csv); a contradicting --format is refused', async () => {
  const base = ['export', 'bridge', '--customer', 'C001', '--period', '2026-10', '--lang', 'en'];
  const csv = path.join(cli.dir, 'by-name.csv');
  await recon(...base, '--out', csv);
  expect(readFileSync(csv, 'utf8')).toContain('Customer,杭州客户科技有限公司 (C001)');
  const xlsx = path.join(cli.dir, 'by-name.XLSX');
  await recon(...base, '--out', xlsx);
  expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  const pdf = path.join(cli.dir, 'no-extension');
  await recon(...base, '--out', pdf);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  const never = path.join(cli.dir, 'never.csv');
  await expect(recon(...base, '--format', 'pdf', '--out', never)).rejects.toThrow(
    /--out .*never\.csv names a csv file, but --format is pdf/,
  );
  expect(() => readFileSync(never)).toThrow();
});

it('refuses --lang fr and reversed ranges before writing anything', async () => {
  const out = path.join(cli.dir, 'never.pdf');
  await expect(
    recon('export', 'summary', '--period', '2026-10', '--lang', 'fr', '--out', out),
  ).rejects.toThrow(/--lang "fr" is not offered: one of bilingual, zh, en/);
  await expect(
    recon('export', 'kpi', '--from', '2026-10-31', '--to', '2026-10-01', '--out', out),
  ).rejects.toThrow(/reversed: --from 2026-10-31 is after --to 2026-10-01/);
  expect(() => readFileSync(out)).toThrow();
});

it('a mistyped value is a usage error naming its option, before the database; an unknown customer is said', async () => {
  const out = path.join(cli.dir, 'never.pdf');
  const usage = async (args: string[], message: RegExp) => {
    const error = await recon(...args, '--out', out).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect([args.join(' '), error]).toEqual([args.join(' '), expect.objectContaining({ exitCode: 2 })]);
    expect((error as Error).message).toMatch(message);
  };
  await usage(
    ['export', 'bridge', '--customer', 'C001', '--period', '2026-13'],
    /--period "2026-13" is not a month/,
  );
  await usage(['export', 'summary', '--period', '26'], /--period "26" is not a month YYYY-MM or a year YYYY/);
  await usage(['export', 'aging', '--as-of', '2026-02-30'], /--as-of "2026-02-30" is not a date YYYY-MM-DD/);
  await usage(
    ['export', 'kpi', '--from', '2026-10-01', '--to', '31/10/2026'],
    /--to "31\/10\/2026" is not a date/,
  );
  await usage(['export', 'statement', '--period-id', 'abc'], /--period-id "abc" is not a period id/);
  await usage(
    ['export', 'summary', '--period', '2026', '--currency', 'US'],
    /--currency "US" is not an ISO 4217/,
  );
  await usage(
    ['export', 'bogus'],
    /report "bogus" is not one of statement, .*dunning-letter, collection-kpis/,
  );
  await expect(
    recon('export', 'bridge', '--customer', 'C999', '--period', '2026-10', '--out', out),
  ).rejects.toThrow(/no customer "C999"/);
  await expect(recon('periods', '--customer', 'NOPE')).rejects.toThrow(/no customer "NOPE"/);
  expect(await recon('periods', '--customer', 'C002', '--status', 'CLOSED')).toBe('no periods');
  expect(() => readFileSync(out)).toThrow();
});

it('the summary and the KPIs of one currency name the periods of the others they leave out', async () => {
  const { data } = await buildReportData(
    cli.db.dataSource,
    { name: 'X' },
    {
      kind: 'summary',
      period: '2026-10',
      currency: 'CNY',
    },
  );
  const summary = data as ReconSummaryData;
  expect(summary.rows.map((r) => r.customerCode)).toEqual(['C001']);
  expect(summary.otherCurrencies).toEqual([{ currency: 'USD', periods: 1 }]);
  const csv = (await renderReport('summary', summary, 'csv', 'en')).body.toString('utf8');
  expect(csv).toContain('periods of other currencies not shown: 1 in USD');
  const usd = (
    await buildReportData(
      cli.db.dataSource,
      { name: 'X' },
      {
        kind: 'summary',
        period: '2026',
        currency: 'USD',
      },
    )
  ).data as ReconSummaryData;
  expect(usd.otherCurrencies).toEqual([{ currency: 'CNY', periods: 2 }]);
  const kpi = (
    await buildReportData(
      cli.db.dataSource,
      { name: 'X' },
      { kind: 'kpi', from: '2026-10-01', to: '2026-10-31', currency: 'USD' },
    )
  ).data as KpiReportData;
  expect(kpi.otherCurrencies).toEqual([{ currency: 'CNY', periods: 1 }]);
  const kpiCsv = (await renderReport('kpi', kpi, 'csv', 'en')).body.toString('utf8');
  expect(kpiCsv).toContain('This report is of USD only; periods of other currencies not shown: 1 in CNY');
});
