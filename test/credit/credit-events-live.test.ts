import { UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { startApiHarness, type ApiHarness } from '../api/api-harness';
import { liveClient, type LiveClient } from '../support/live-client';

// Over-limit and hold events reach an integrator's `creditEvents` subscription (as they reach
// webhooks: test/credit/credit-api.test.ts), each with its customer and flag.
describe('creditEvents over the live API', () => {
  let h: ApiHarness;
  let client: LiveClient | undefined;

  beforeAll(async () => {
    h = await startApiHarness('credit_live', { liveEvents: { pollMs: 40 } });
    const customer = await h.db.dataSource
      .getRepository(Customer)
      .save({ code: 'CE1', name: 'events', currency: 'CNY' });
    await h.db.dataSource.query(
      "INSERT INTO credit_limits (customer_id, currency, amount, set_by) VALUES (?, 'CNY', 100, 'test')",
      [customer.id],
    );
  });
  afterAll(async () => {
    await client?.dispose();
    await h?.stop();
  });

  it('delivers a hold placed and a limit crossed, with the customer and the flag', async () => {
    client = liveClient(h.api.graphqlUrl, { authorization: h.bearer[UserRole.AUDITOR] });
    await client.connected;
    const events = client.subscribe<{ creditEvents: Record<string, unknown> }>(
      'subscription { creditEvents { action customerCode over onHold } }',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const held = await h.call(
      'mutation { placeCreditHold(customerCode: "CE1", reason: "cheque bounced") { onHold } }',
      {},
      h.bearer[UserRole.CLERK],
    );
    expect(held.errors).toBeUndefined();
    expect(await events.next(10_000)).toEqual({
      data: { creditEvents: { action: 'credit.hold_placed', customerCode: 'CE1', over: null, onHold: true } },
    });

    await upsertLedgerEntries(h.db.dataSource, [
      {
        customerCode: 'CE1',
        source: 'erp',
        externalId: 'ce1-inv',
        entryDate: '2026-11-01',
        kind: 'INVOICE',
        amount: '500',
        currency: 'CNY',
      },
    ]);
    const checked = await h.call(
      '{ creditCheck(customerCode: "CE1", amount: "0") { decision } }',
      {},
      h.bearer[UserRole.AUDITOR],
    );
    expect(checked.data).toEqual({ creditCheck: { decision: 'BLOCK' } });
    expect(await events.next(10_000)).toEqual({
      data: { creditEvents: { action: 'credit.over_limit', customerCode: 'CE1', over: true, onHold: null } },
    });
  });
});
