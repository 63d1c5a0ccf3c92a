import { runSoak } from '../../bench/soak';

describe('npm run bench -- soak (tiny size, so it never rots)', () => {
  it('fans out a month while clerks, managers and an integrator work over the API, with no error', async () => {
    const result = await runSoak({
      customers: 12,
      linesPerSide: 2,
      differenceEvery: 3,
      clerks: 2,
      managers: 1,
      seconds: 25,
      thinkMs: 20,
      idleMs: 300,
      batchEntries: 20,
      batchEveryMs: 500,
      sampleSeconds: 2,
    });
    expect(result.errorSamples).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.fanOutSeconds).not.toBeNull();
    expect(result.settledSeconds).not.toBeNull();
    // Every period left matching; the four with a fee were worked to the end of their review.
    expect(Object.values(result.periodsByStatus).reduce((a, b) => a + b, 0)).toBe(12);
    expect(result.periodsByStatus.IN_REVIEW ?? 0).toBe(0);
    expect(result.differences).toBe(4);
    expect(result.work.timing + result.work.proposed).toBe(4);
    expect(result.work.approved).toBe(result.work.proposed);
    expect(result.work.reviewsCompleted).toBe(4);
    expect(result.work.batches).toBeGreaterThan(2);
    expect(result.work.resent).toBeGreaterThan(0);
    expect(result.tasksLeftClaimed).toBe(0);
    for (const operation of ['claimNextTask', 'period', 'completeReview', 'upsertLedgerEntries'])
      expect(result.operations[operation].p99Ms).toBeGreaterThan(0);
    expect(result.rssSamples.length).toBeGreaterThan(3);
    expect(result.rss.api.peakMb).toBeGreaterThan(0);
    expect(result.rss.worker.peakMb).toBeGreaterThan(0);
  }, 240_000);
});
