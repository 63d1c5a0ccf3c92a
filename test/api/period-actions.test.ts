import type { RunningApi } from '../../api/server';
import { issueApiKey } from '../../auth/api-keys';
import { AuditEvent } from '../../entities/audit-event.entity';
import { Difference } from '../../entities/difference.entity';
import { PeriodStatus, UserRole } from '../../contract/enums';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { codes, gql } from '../support/api-client';
import { seedCustomer, type Line } from '../support/fixtures';
import { staffTokens, startHarnessApi } from '../support/harness-api';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';

describe('review actions over GraphQL drive the workflow', () => {
  let h: PeriodHarness;
  let api: RunningApi;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    h = await startPeriodHarness('actions');
    api = await startHarnessApi(h, { maxBodyBytes: 1024 * 1024 });
    Object.assign(
      bearer,
      await staffTokens(h.db.dataSource, [
        ['clerk', UserRole.CLERK],
        ['clerk2', UserRole.CLERK],
        ['manager', UserRole.MANAGER],
        ['auditor', UserRole.AUDITOR],
      ]),
    );
  });

  afterAll(async () => {
    await api?.stop();
    await h?.stop();
  });

  it('proposes and approves an adjustment with maker ≠ checker enforced server-side', async () => {
    const invoice: Line = { id: 'i1', date: '2026-10-05', ref: 'INV-7', kind: 'INVOICE', amount: '500.00' };
    const fee: Line = { id: 'f1', date: '2026-10-06', ref: 'FEE-7', kind: 'OTHER', amount: '-8.50' };
    await seedCustomer(h.db.dataSource, 'ACT', [invoice], [invoice, fee]);
    const { workflowId, period } = await h.periods.openPeriod('ACT', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const [difference] = await h.db.dataSource.getRepository(Difference).findBy({ periodId: period.id });
    const url = api.graphqlUrl;

    const PROPOSE = `mutation ($p: ID!, $d: ID) { proposeAdjustment(periodId: $p, amount: "-8.50", entryDate: "2026-10-31", reason: "bank fee", differenceId: $d) { entityId version adjustments { id state requiredApprovals } period { status } } }`;
    expect(codes(await gql(url, PROPOSE, { p: period.id, d: difference.id }, bearer.auditor))).toEqual([
      'FORBIDDEN',
    ]);
    const proposed = await gql<{
      proposeAdjustment: { entityId: string; version: number; period: { status: string } };
    }>(url, PROPOSE, { p: period.id, d: difference.id }, bearer.clerk);
    expect(proposed.errors).toBeUndefined();
    const adjustmentId = proposed.data!.proposeAdjustment.entityId;
    expect(proposed.data!.proposeAdjustment.period.status).toBe('IN_REVIEW');

    const APPROVE = `mutation ($p: ID!, $a: ID!) { approveAdjustment(periodId: $p, adjustmentId: $a) { adjustments { id state } } }`;
    expect(codes(await gql(url, APPROVE, { p: period.id, a: adjustmentId }, bearer.clerk))).toEqual([
      'MAKER_CHECKER',
    ]);
    expect(codes(await gql(url, APPROVE, { p: period.id, a: adjustmentId }, bearer.auditor))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await gql(url, APPROVE, { p: period.id, a: '999999' }, bearer.manager))).toEqual([
      'NOT_FOUND',
    ]);
    expect(await h.db.dataSource.getRepository(LedgerEntry).countBy({ adjustmentId })).toBe(0);

    const approved = await gql<{ approveAdjustment: { adjustments: Array<{ id: string; state: string }> } }>(
      url,
      APPROVE,
      { p: period.id, a: adjustmentId },
      bearer.clerk2,
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveAdjustment.adjustments).toEqual([{ id: adjustmentId, state: 'POSTED' }]);
    expect(await h.db.dataSource.getRepository(LedgerEntry).countBy({ adjustmentId })).toBe(1);
  });

  it('audits an integrator key as the API key it is, from opening the period to its review actions', async () => {
    const fee: Line = { id: 'k1', date: '2026-10-06', ref: 'FEE-9', kind: 'OTHER', amount: '-3.00' };
    await seedCustomer(h.db.dataSource, 'KEY', [], [fee]);
    const { key, record } = await issueApiKey(h.db.dataSource, 'erp', [
      'read',
      'period:open',
      'period:review',
    ]);
    const opened = await gql<{ openPeriod: { id: string; workflowId: string } }>(
      api.graphqlUrl,
      'mutation { openPeriod(customerCode: "KEY", period: "2026-10") { id workflowId } }',
      {},
      `Bearer ${key}`,
    );
    expect(opened.errors).toBeUndefined();
    const { id: periodId, workflowId } = opened.data!.openPeriod;
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const proposed = await gql<{ proposeAdjustment: { entityId: string } }>(
      api.graphqlUrl,
      `mutation ($p: ID!) { proposeAdjustment(periodId: $p, amount: "-3.00", entryDate: "2026-10-31", reason: "fee") { entityId } }`,
      { p: periodId },
      `Bearer ${key}`,
    );
    expect(proposed.errors).toBeUndefined();

    const audited = await h.db.dataSource.getRepository(AuditEvent).find({
      where: [
        { action: 'period.opened', entityId: workflowId },
        { action: 'adjustment.proposed', entityId: proposed.data!.proposeAdjustment.entityId },
      ],
      order: { id: 'ASC' },
    });
    expect(audited.map((e) => [e.action, e.actorType, e.actorId])).toEqual([
      ['period.opened', 'API_KEY', `api-key:${record.id}`],
      ['adjustment.proposed', 'API_KEY', `api-key:${record.id}`],
    ]);
  });

  it('re-runs matching on request during review: it picks up a late ledger entry, stays in review, and is audited as the clerk', async () => {
    const invoice: Line = { id: 'r1', date: '2026-10-07', ref: 'INV-R1', kind: 'INVOICE', amount: '250.00' };
    await seedCustomer(h.db.dataSource, 'REM', [], [invoice]);
    const { workflowId, period } = await h.periods.openPeriod('REM', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const url = api.graphqlUrl;
    const REMATCH = `mutation ($p: ID!, $v: Int) { rematchPeriod(periodId: $p, expectedVersion: $v) { id status matchRun bridgeTied } }`;
    const VERSION = `query ($p: ID!) { period(id: $p) { workflowVersion matchRun } }`;
    const before = await gql<{ period: { workflowVersion: number; matchRun: number } }>(
      url,
      VERSION,
      { p: period.id },
      bearer.clerk,
    );
    const { workflowVersion, matchRun } = before.data!.period;

    // Who may not, a stale screen and an unknown period are refused, and nothing runs.
    expect(codes(await gql(url, REMATCH, { p: period.id }, bearer.auditor))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(url, REMATCH, { p: period.id, v: workflowVersion - 1 }, bearer.clerk))).toEqual([
      'STALE_VERSION',
    ]);
    expect(codes(await gql(url, REMATCH, { p: '424242' }, bearer.clerk))).toEqual(['NOT_FOUND']);
    expect(
      codes(await gql(url, `mutation { rematchPeriod(periodId: "x'; --") { id } }`, {}, bearer.clerk)),
    ).toEqual(['BAD_USER_INPUT']);

    // The invoice reaches our books late; the clerk re-runs matching instead of finishing the review.
    await upsertLedgerEntries(h.db.dataSource, [
      {
        customerCode: 'REM',
        source: 'erp',
        externalId: 'REM-r1',
        entryDate: invoice.date,
        docNo: invoice.ref,
        kind: invoice.kind,
        amount: invoice.amount,
        currency: 'CNY',
      },
    ]);
    const asked = await gql(url, REMATCH, { p: period.id, v: workflowVersion }, bearer.clerk);
    expect(asked.errors).toBeUndefined();
    const deadline = Date.now() + 20_000;
    let row = await h.db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: period.id });
    while (
      !(row.matchRun === matchRun + 1 && row.status === PeriodStatus.IN_REVIEW) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      row = await h.db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: period.id });
    }
    // Matched again, ties now, and waits for the clerk: nothing was sent to the customer.
    expect(row).toMatchObject({ matchRun: matchRun + 1, status: PeriodStatus.IN_REVIEW, bridgeTied: true });
    const audit = await h.db.dataSource
      .getRepository(AuditEvent)
      .findBy({ periodId: period.id, action: 'period.rematch_requested' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'USER', entityType: 'period', entityId: period.id });
    expect(
      await h.db.dataSource
        .getRepository(AuditEvent)
        .countBy({ periodId: period.id, action: 'statement.sent' }),
    ).toBe(0);
  });

  it('refuses stale versions, unknown rows and bad input with stable codes, writing nothing', async () => {
    const line: Line = { id: 'x1', date: '2026-10-05', ref: 'INV-8', kind: 'INVOICE', amount: '120.00' };
    await seedCustomer(h.db.dataSource, 'ACT2', [line], []);
    const { workflowId, period } = await h.periods.openPeriod('ACT2', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const [difference] = await h.db.dataSource.getRepository(Difference).findBy({ periodId: period.id });
    const TIMING = `mutation ($p: ID!, $d: ID!, $v: Int) { markTiming(periodId: $p, differenceId: $d, note: "in transit", expectedVersion: $v) { version } }`;
    expect(
      codes(await gql(api.graphqlUrl, TIMING, { p: period.id, d: difference.id, v: 1 }, bearer.clerk)),
    ).toEqual(['STALE_VERSION']);
    expect(codes(await gql(api.graphqlUrl, TIMING, { p: period.id, d: '424242' }, bearer.clerk))).toEqual([
      'NOT_FOUND',
    ]);
    const badAmount = `mutation ($p: ID!) { proposeAdjustment(periodId: $p, amount: 12.5, entryDate: "2026-10-31", reason: "x") { version } }`;
    expect(codes(await gql(api.graphqlUrl, badAmount, { p: period.id }, bearer.clerk))).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect(
      (await h.db.dataSource.getRepository(Difference).findOneByOrFail({ id: difference.id })).status,
    ).toBe('OPEN');
    const ok = await gql<{ markTiming: { version: number } }>(
      api.graphqlUrl,
      TIMING,
      { p: period.id, d: difference.id },
      bearer.clerk,
    );
    expect(ok.errors).toBeUndefined();
    expect(
      (await h.db.dataSource.getRepository(Difference).findOneByOrFail({ id: difference.id })).status,
    ).toBe('EXPLAINED');
  });
});
