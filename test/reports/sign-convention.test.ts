import { MockActivityEnvironment } from '@temporalio/testing';
import type { ActivityDeps } from '../../activities/activity-deps';
import { createExtractPeriod } from '../../activities/extract-period';
import { createMatchPeriod } from '../../activities/match-period';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { parseCsv } from '../../formats/csv';
import { Money } from '../../money/decimal';
import { renderReport } from '../../reports';
import { buildReportData } from '../../reports/sources';
import type {
  BalanceBridgeData,
  DifferenceReportData,
  KpiReportData,
  ReconSummaryData,
} from '../../reports/types';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedCustomer } from '../support/fixtures';

// Issue #19 point 8: one sign convention for differences everywhere — the effect on our balance,
// as the bridge adds it (our closing + differences = their closing) — labelled in each document.
// C003's shape: their invoice we lack (+1,500), our invoice they lack (−4,250), an amount 100 apart.
let db: TestDatabase;
const company = { name: '测试公司' };
const byKind = (items: ReadonlyArray<{ kind: string; amount: string }>) =>
  Object.fromEntries(items.map((i) => [i.kind, new Money(i.amount).toFixed(2)]));

beforeAll(async () => {
  db = await createTestDatabase('sign_convention');
  const customer = await seedCustomer(
    db.dataSource,
    'SGN',
    [
      { id: 'o1', date: '2026-10-05', ref: 'INV-100', kind: 'INVOICE', amount: '1000.00' },
      { id: 'o2', date: '2026-10-08', ref: 'INV-200', kind: 'INVOICE', amount: '4250.00' },
      { id: 'o3', date: '2026-10-12', ref: 'INV-300', kind: 'INVOICE', amount: '300.00' },
    ],
    [
      { id: 't1', date: '2026-10-05', ref: 'INV-100', kind: 'INVOICE', amount: '1000.00' },
      { id: 't2', date: '2026-10-10', ref: 'INV-900', kind: 'INVOICE', amount: '1500.00' },
      { id: 't3', date: '2026-10-12', ref: 'INV-300', kind: 'INVOICE', amount: '200.00' },
    ],
  );
  const period = await db.dataSource.getRepository(ReconciliationPeriod).save({
    customerId: customer.id,
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    workflowId: 'recon-SGN-2026-10',
    currency: 'CNY',
  });
  const deps = { dataSource: db.dataSource } as ActivityDeps;
  const env = new MockActivityEnvironment();
  await env.run(createExtractPeriod(deps), { periodId: period.id });
  await env.run(createMatchPeriod(deps), { periodId: period.id, matchRun: 1 });
  periodId = period.id;
});
afterAll(async () => db.drop());
let periodId: string;

const data = async <T>(request: Parameters<typeof buildReportData>[2]) =>
  (await buildReportData(db.dataSource, company, request)).data as T;

it('the difference report, the bridge, the summary and the KPIs agree on every sign', async () => {
  const bridge = await data<BalanceBridgeData>({ kind: 'bridge', periodId });
  expect(byKind(bridge.items)).toEqual({
    MISSING_IN_OURS: '1500.00',
    MISSING_IN_THEIRS: '-4250.00',
    AMOUNT_MISMATCH: '-100.00',
  });
  const adjusted = bridge.items.reduce((sum, i) => sum.plus(i.amount), new Money(bridge.ourClosingBalance));
  expect(adjusted.equals(bridge.theirClosingBalance)).toBe(true);

  const report = await data<DifferenceReportData>({ kind: 'differences', periodId });
  expect(byKind(report.differences.map((d) => ({ kind: d.kind, amount: d.difference })))).toEqual(
    byKind(bridge.items),
  );
  for (const d of report.differences)
    expect(new Money(d.theirAmount ?? 0).minus(d.ourAmount ?? 0).equals(d.difference)).toBe(true);

  const net = bridge.items.reduce((sum, i) => sum.plus(i.amount), new Money(0));
  expect(net.toFixed(2)).toBe('-2850.00');
  const summary = await data<ReconSummaryData>({ kind: 'summary', period: '2026-10', currency: 'CNY' });
  expect(summary.rows).toHaveLength(1);
  expect(new Money(summary.rows[0].openDifferenceAmount).equals(net)).toBe(true);

  const kpi = await data<KpiReportData>({
    kind: 'kpi',
    from: '2026-10-01',
    to: '2026-10-31',
    currency: 'CNY',
  });
  const kpiNet = kpi.openDifferencesByAge.reduce((sum, a) => sum.plus(a.amount), new Money(0));
  expect(kpiNet.equals(net)).toBe(true);
});

it('each document labels the sign as the effect on our balance', async () => {
  const report = await data<DifferenceReportData>({ kind: 'differences', periodId });
  const csv = (await renderReport('differences', report, 'csv', 'en')).body.toString('utf8').slice(1);
  const rows = parseCsv(csv).records.map((r) => r.cells);
  const header = rows.find((r) => r[0] === 'Kind' && r.length > 3);
  expect(header).toContain('Difference (effect on our balance)');
  const missingInOurs = rows.find((r) => r[0] === 'Missing in our books' && r.length > 3);
  expect(missingInOurs?.[header!.indexOf('Difference (effect on our balance)')]).toBe('1500.00');
  expect(csv).toContain("our closing balance + the differences = the customer's closing balance");

  for (const [kind, request] of [
    ['bridge', { kind: 'bridge', periodId }],
    ['summary', { kind: 'summary', period: '2026-10', currency: 'CNY' }],
    ['kpi', { kind: 'kpi', from: '2026-10-01', to: '2026-10-31', currency: 'CNY' }],
  ] as const) {
    const built = await buildReportData(db.dataSource, company, request);
    const text = (await renderReport(built.kind, built.data, 'csv', 'en')).body.toString('utf8');
    expect([kind, text.includes('effect on our balance')]).toEqual([kind, true]);
  }
});
