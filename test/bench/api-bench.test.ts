import { runApiBench } from '../../bench/api';

describe('npm run bench -- api (tiny size, so it never rots)', () => {
  it('serves queues to concurrent clients over HTTP and loads a ledger batch idempotently', async () => {
    const result = await runApiBench({
      customers: 20,
      periods: 200,
      tasks: 4_000,
      clerks: 2,
      managers: 1,
      clients: 3,
      warmupSeconds: 0.2,
      seconds: 1,
      upsertEntries: 200,
    });
    expect(result).toMatchObject({
      bench: 'api',
      customers: 20,
      periods: 200,
      tasks: 4_000,
      clients: 3,
      upsertEntries: 200,
    });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.rps).toBe(Math.round(result.requests / 1));
    expect(result.p50Ms).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    expect(result.maxMs).toBeGreaterThanOrEqual(result.p99Ms);
    expect(result.upsert10kSeconds).toBeGreaterThan(0);
    expect(result.resend10kSeconds).toBeGreaterThan(0);
  }, 120_000);
});
