import { AuditEvent } from '../../entities/audit-event.entity';
import { Customer } from '../../entities/customer.entity';
import { PeriodStatus } from '../../contract/enums';
import { DEFAULT_PERIOD_SETTINGS } from '../../contract/period';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { DEFAULT_RULE_SETTINGS } from '../../matching/settings';
import { codes, startApiHarness, type ApiHarness } from './api-harness';

const DETAIL = `query ($c: String!) { customer(code: $c) {
  code balance version ruleSettings effectiveRuleSettings workflowSettings effectiveWorkflowSettings
  openPeriods { key status } } }`;
const UPDATE = `mutation ($c: String!, $r: JSON, $w: JSON, $v: Int) {
  updateCustomerSettings(code: $c, ruleSettings: $r, workflowSettings: $w, expectedVersion: $v) {
    version ruleSettings workflowSettings effectiveRuleSettings effectiveWorkflowSettings } }`;

type Detail = {
  customer: {
    balance: string;
    version: number;
    ruleSettings: Record<string, unknown> | null;
    effectiveRuleSettings: Record<string, unknown>;
    effectiveWorkflowSettings: Record<string, unknown>;
    openPeriods: Array<{ key: string; status: string }>;
  };
};

describe('customers over GraphQL: balance, open periods and settings', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('customers');
    const ds = h.db.dataSource;
    const [c1] = await ds.getRepository(Customer).save([
      { code: 'C1', name: '客户 C1', currency: 'CNY' },
      { code: 'C2', name: '客户 C2', currency: 'CNY' },
    ]);
    await upsertLedgerEntries(
      ds,
      ['0.10', '0.20', '-0.3001', '12345678901234.5678'].map((amount, i) => ({
        customerCode: 'C1',
        source: 'erp',
        externalId: `c1-${i}`,
        entryDate: '2026-10-02',
        kind: 'INVOICE',
        amount,
        currency: 'CNY',
      })),
    );
    const period = (start: string, end: string, status: PeriodStatus) => ({
      customerId: c1.id,
      periodStart: start,
      periodEnd: end,
      workflowId: `recon-C1-${start.slice(0, 7)}`,
      status,
      currency: 'CNY',
    });
    await ds
      .getRepository(ReconciliationPeriod)
      .save([
        period('2026-10-01', '2026-10-31', PeriodStatus.IN_REVIEW),
        period('2026-08-01', '2026-08-31', PeriodStatus.CLOSED),
        period('2026-09-01', '2026-09-30', PeriodStatus.AWAITING_CUSTOMER),
      ]);
  });

  afterAll(() => h?.stop());

  it('shows the exact current balance and the periods still open, oldest first', async () => {
    const res = await h.call<Detail>(DETAIL, { c: 'C1' }, h.bearer.AUDITOR);
    expect(res.errors).toBeUndefined();
    expect(res.data!.customer.balance).toBe('12345678901234.5677');
    expect(res.data!.customer.openPeriods).toEqual([
      { key: '2026-09', status: 'AWAITING_CUSTOMER' },
      { key: '2026-10', status: 'IN_REVIEW' },
    ]);
    expect(res.data!.customer.ruleSettings).toBeNull();
    expect(res.data!.customer.effectiveRuleSettings).toEqual(DEFAULT_RULE_SETTINGS);
    expect(res.data!.customer.effectiveWorkflowSettings).toEqual(DEFAULT_PERIOD_SETTINGS);
    const list = await h.call<{ customers: { edges: Array<{ node: { code: string; balance: string } }> } }>(
      '{ customers { edges { node { code balance openPeriods { key } } } } }',
      {},
      h.bearer.CLERK,
    );
    expect(list.data!.customers.edges.map((e) => e.node)).toEqual([
      { code: 'C1', balance: '12345678901234.5677', openPeriods: [{ key: '2026-09' }, { key: '2026-10' }] },
      { code: 'C2', balance: '0', openPeriods: [] },
    ]);
  });

  it('lets an admin change the settings, validated, versioned and audited with before and after', async () => {
    const rules = { dateWindowDays: 7, tolerances: { CNY: { absolute: '10', percent: '0.1' } } };
    const updated = await h.call<{
      updateCustomerSettings: Detail['customer'] & { workflowSettings: unknown };
    }>(
      UPDATE,
      { c: 'C1', r: rules, w: { reminderAfterSeconds: 3600, escalateAfterSeconds: 7200 }, v: 1 },
      h.bearer.ADMIN,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateCustomerSettings).toMatchObject({
      version: 2,
      ruleSettings: rules,
      workflowSettings: { reminderAfterSeconds: 3600, escalateAfterSeconds: 7200 },
      effectiveRuleSettings: { ...DEFAULT_RULE_SETTINGS, ...rules },
      // The thresholds not overridden come from the defaults.
      effectiveWorkflowSettings: {
        ...DEFAULT_PERIOD_SETTINGS,
        reminderAfterSeconds: 3600,
        escalateAfterSeconds: 7200,
      },
    });
    const audit = await h.db.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'customer.settings_updated' });
    expect(audit).toMatchObject({
      actorId: `user:${h.userIds.ADMIN}`,
      beforeState: { ruleSettings: null, workflowSettings: null },
      afterState: { ruleSettings: rules },
    });

    expect(codes(await h.call(UPDATE, { c: 'C1', r: { dateWindowDays: 9 }, v: 1 }, h.bearer.ADMIN))).toEqual([
      'STALE_VERSION',
    ]);
    const invalid = [
      [{ r: { dateWindowDays: -1 } }, 'ruleSettings.dateWindowDays'],
      [{ r: { rules: ['EXACT_REFERENCE', 'GUESS'] } }, 'ruleSettings.rules'],
      // A misspelt key is refused (it would silently run with the default), naming the nearest one.
      [{ r: { amountTolerance: { '*': { absolute: '1', percent: '0' } } } }, 'ruleSettings.amountTolerance'],
      [{ r: { tolerances: { '*': { absolut: '1', percent: '0' } } } }, 'ruleSettings.tolerances.*.absolut'],
      [
        { r: { tolerances: { CNY: { absolute: '1e9', percent: '0' } } } },
        'ruleSettings.tolerances.CNY.absolute',
      ],
      [
        { w: { reminderAfterSeconds: 7200, escalateAfterSeconds: 3600 } },
        'workflowSettings.escalateAfterSeconds',
      ],
      [{ w: { managerApprovalThreshold: '-5' } }, 'workflowSettings.managerApprovalThreshold'],
      [{ w: { sendMoney: true } }, 'workflowSettings.sendMoney'],
    ] as const;
    for (const [vars, field] of invalid) {
      const res = await h.call(UPDATE, { c: 'C1', ...vars }, h.bearer.ADMIN);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field }] });
      if (field === 'ruleSettings.amountTolerance')
        expect(res.errors?.[0].message).toMatch(/did you mean "tolerances"/);
    }
    const reset = await h.call<{
      updateCustomerSettings: { version: number; ruleSettings: unknown; workflowSettings: unknown };
    }>(UPDATE, { c: 'C1', r: null }, h.bearer.ADMIN);
    expect(reset.data!.updateCustomerSettings).toMatchObject({
      version: 3,
      ruleSettings: null,
      workflowSettings: { reminderAfterSeconds: 3600 },
    });
    expect(codes(await h.call(UPDATE, { c: 'NOPE', r: null }, h.bearer.ADMIN))).toEqual(['NOT_FOUND']);

    // The statement recipient: trimmed, checked, audited; null clears it.
    const EMAIL = `mutation ($c: String!, $e: String, $v: Int) {
      updateCustomerSettings(code: $c, contactEmail: $e, expectedVersion: $v) { version contactEmail ruleSettings } }`;
    const addressed = await h.call<{
      updateCustomerSettings: { version: number; contactEmail: string | null; ruleSettings: unknown };
    }>(EMAIL, { c: 'C1', e: ' ap@c1.example.com ', v: 3 }, h.bearer.ADMIN);
    expect(addressed.data?.updateCustomerSettings).toEqual({
      version: 4,
      contactEmail: 'ap@c1.example.com',
      ruleSettings: null,
    });
    const audited = await h.db.dataSource
      .getRepository(AuditEvent)
      .find({ where: { action: 'customer.settings_updated' }, order: { id: 'DESC' }, take: 1 });
    expect(audited[0]).toMatchObject({
      beforeState: { contactEmail: null },
      afterState: { contactEmail: 'ap@c1.example.com' },
    });
    for (const bad of ['not an address', 'a@b', "x@y.z' OR 1=1 --  ", `${'a'.repeat(250)}@b.cn`]) {
      const res = await h.call(EMAIL, { c: 'C1', e: bad }, h.bearer.ADMIN);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'contactEmail' }],
      });
    }
    const read = await h.call<{ customer: { contactEmail: string | null } }>(
      'query ($c: String!) { customer(code: $c) { contactEmail } }',
      { c: 'C1' },
      h.bearer.CLERK,
    );
    expect(read.data?.customer.contactEmail).toBe('ap@c1.example.com');
    const cleared = await h.call<{ updateCustomerSettings: { contactEmail: string | null } }>(
      EMAIL,
      { c: 'C1', e: null },
      h.bearer.ADMIN,
    );
    expect(cleared.data?.updateCustomerSettings.contactEmail).toBeNull();
    expect(codes(await h.call(UPDATE, { c: 'C1', r: null }, h.bearer.MANAGER))).toEqual(['FORBIDDEN']);
  });
});
