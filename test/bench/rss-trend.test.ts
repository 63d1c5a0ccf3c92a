import { rssTrend, type RssSample } from '../../bench/_rss-sampler';

const samples = (mbs: number[]): RssSample[] => mbs.map((mb, i) => ({ t: i * 15, worker: mb }));

describe('rssTrend', () => {
  it('tells a saw tooth that returns to the same low point from a process that keeps growing', () => {
    // Rising by 60 MB a sample, falling back to 750 after each major collection (the soak's worker).
    const saw = rssTrend(
      samples([600, 750, 810, 870, 930, 990, 750, 810, 870, 930, 990, 751, 811, 871]),
      'worker',
    );
    expect(saw.afterFalls).toEqual([
      { t: 90, mb: 750 },
      { t: 165, mb: 751 },
    ]);
    expect(saw.afterFallsMbPerMin).toBeCloseTo(0.8, 1);

    const leak = rssTrend(
      samples([600, 700, 800, 900, 700, 800, 900, 1000, 800, 900, 1000, 1100, 900]),
      'worker',
    );
    expect(leak.afterFalls.map((p) => p.mb)).toEqual([700, 800, 900]);
    expect(leak.afterFallsMbPerMin).toBeCloseTo(100, 0);
  });

  it('has no low points to compare when the RSS never falls', () => {
    const flat = rssTrend(samples([300, 301, 302, 302]), 'worker');
    expect(flat.afterFalls).toEqual([]);
    expect(flat.afterFallsMbPerMin).toBeNull();
  });
});
