import { nearestRank } from '../../bench/_percentiles';

describe('the benchmarks’ percentiles (nearest rank)', () => {
  it('gives the smallest value that the share is at or below, and 0 for no values', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1); // 1 … 100
    expect(nearestRank(sorted, 0.5)).toBe(50);
    expect(nearestRank(sorted, 0.9)).toBe(90);
    expect(nearestRank(sorted, 0.99)).toBe(99);
    expect(nearestRank(sorted, 1)).toBe(100);
    expect(nearestRank([7], 0.99)).toBe(7);
    expect(nearestRank([1, 2, 3], 0)).toBe(1);
    expect(nearestRank([], 0.5)).toBe(0);
  });
});
