import { runCreditBench } from '../../bench/credit';

describe('npm run bench -- credit (tiny size, so it never rots)', () => {
  it('scores every customer and answers credit checks over HTTP', async () => {
    const result = await runCreditBench({
      customers: 30,
      entriesPerCustomer: 20,
      clients: 3,
      warmupSeconds: 0.2,
      seconds: 1,
    });
    expect(result).toMatchObject({ bench: 'credit', customers: 30, entries: 600, clients: 3 });
    expect(Object.values(result.byClass).reduce((a, b) => a + b, 0)).toBe(30);
    expect(result.scoreSeconds).toBeGreaterThan(0);
    expect(result.checkRps).toBeGreaterThan(0);
    expect(result.checkP99Ms).toBeGreaterThanOrEqual(result.checkP50Ms);
  }, 120_000);
});
