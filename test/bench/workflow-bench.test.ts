import { runWorkflowBench } from '../../bench/workflow';

describe('npm run bench -- workflow (tiny size, so it never rots)', () => {
  it('takes clean periods from open to closed and reports its figures', async () => {
    const result = await runWorkflowBench({ periods: 4, linesPerSide: 2, persistent: false });
    expect(result).toMatchObject({ bench: 'workflow', periods: 4, linesPerSide: 2, persistent: false });
    expect(result.seconds).toBeGreaterThan(0);
    expect(result.periodsPerSecond).toBeCloseTo(4 / result.seconds, 0);
  });
});
