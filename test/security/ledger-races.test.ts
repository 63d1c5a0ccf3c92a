import { Customer } from '../../entities/customer.entity';
import { codes, startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * #17 point 17 (first half): concurrent identical `upsertLedgerEntries` batches, as an integrator's
 * retries send them. One batch creates the entries; every other answers UNCHANGED with the same ids,
 * never INTERNAL_SERVER_ERROR (a duplicate-key race or a deadlock is resolved by reading again).
 */
const UPSERT = `mutation ($entries: [LedgerEntryInput!]!) {
  upsertLedgerEntries(entries: $entries) { created unchanged items { index outcome id } } }`;

type Upserted = {
  upsertLedgerEntries: { created: number; unchanged: number; items: Array<{ outcome: string; id: string }> };
};

const batch = (prefix: string, size: number) =>
  Array.from({ length: size }, (_, i) => ({
    customerCode: 'R1',
    source: 'erp',
    externalId: `${prefix}-${i}`,
    entryDate: '2026-10-05',
    docNo: `D-${prefix}-${i}`,
    kind: 'INVOICE',
    amount: `${100 + i}.25`,
    currency: 'CNY',
  }));

describe('concurrent identical ledger batches (#17.17)', () => {
  let h: ApiHarness;
  let key: string;

  beforeAll(async () => {
    h = await startApiHarness('ledger-races');
    await h.db.dataSource.getRepository(Customer).save({ code: 'R1', name: '客户 R1', currency: 'CNY' });
    const created = await h.call<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(name: "erp", scopes: ["ledger:write"]) { key } }',
      {},
      h.bearer.ADMIN,
    );
    key = `Bearer ${created.data!.createApiKey.key}`;
  });

  afterAll(() => h?.stop());

  it.each([
    ['one entry', 'one', 1],
    ['forty entries', 'forty', 40],
  ])(
    'ten concurrent copies of a batch of %s: one CREATED, nine UNCHANGED, the same ids',
    async (_, prefix, size) => {
      const entries = batch(prefix, size);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => h.call<Upserted>(UPSERT, { entries }, key)),
      );
      expect(answers.flatMap(codes)).toEqual([]);
      const results = answers.map((answer) => answer.data!.upsertLedgerEntries);
      expect(results.filter((r) => r.created === size && r.unchanged === 0)).toHaveLength(1);
      expect(results.filter((r) => r.created === 0 && r.unchanged === size)).toHaveLength(9);
      const ids = results[0].items.map((item) => item.id);
      for (const result of results) expect(result.items.map((item) => item.id)).toEqual(ids);
      const [row] = (await h.db.dataSource.query(
        'SELECT COUNT(*) AS n FROM ledger_entries WHERE external_id LIKE ?',
        [`${prefix}-%`],
      )) as Array<{ n: string }>;
      expect(Number(row.n)).toBe(size);
      const [audit] = (await h.db.dataSource.query(
        "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'ledger.entries_loaded' AND JSON_EXTRACT(after_state, '$.created') = ?",
        [size],
      )) as Array<{ n: string }>;
      expect(Number(audit.n)).toBe(1);
    },
  );
});
