import type { Prepared } from '../prepare';

/** Step budget per target: the search is bounded whatever the pool looks like. */
export const STEP_BUDGET = 50_000;

/** Totals a subset may add up to, as magnitudes (the pool shares the target's sign). */
export interface SumRange {
  low: bigint;
  high: bigint;
}

export interface SubsetSearch {
  solutions: Prepared[][];
  /**
   * The budget ran out before the whole pool was searched: whatever was found is not proven to be
   * the only fit, so it must not be applied on its own.
   */
  exhausted: boolean;
}

/** The range of exactly one total. */
export const exactly = (target: bigint): SumRange => ({ low: abs(target), high: abs(target) });

/**
 * Subsets of `pool` (2..maxSize lines, all of the target's sign) whose amounts' magnitudes add up
 * to a total inside `range`. Stops after two solutions (two already means "ambiguous") or when the
 * budget runs out.
 */
export function findSubsets(
  pool: Prepared[],
  range: SumRange,
  maxSize: number,
  budget = STEP_BUDGET,
): SubsetSearch {
  const { low, high } = range;
  // Exact fast path: while every |amount| × (maxSize + 1) stays below 2^53, doubles add these
  // integers without rounding and are far cheaper than BigInt. Otherwise BigInt.
  const limit = BigInt(Math.floor(Number.MAX_SAFE_INTEGER / (maxSize + 2)));
  if (high < limit && pool.every((line) => abs(line.units) < limit)) {
    return search(
      pool.map((line) => ({ line, value: Math.abs(Number(line.units)) })),
      Number(low),
      Number(high),
      maxSize,
      0,
      budget,
    );
  }
  return search(
    pool.map((line) => ({ line, value: abs(line.units) })),
    low,
    high,
    maxSize,
    0n,
    budget,
  );
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/** Depth-first over items in descending order, pruned by what the remaining slots can still reach. */
function search<N extends number | bigint>(
  pool: Array<{ line: Prepared; value: N }>,
  low: N,
  high: N,
  maxSize: number,
  zero: N,
  budget: number,
): SubsetSearch {
  const items = [...pool].sort((a, b) =>
    b.value > a.value ? 1 : b.value < a.value ? -1 : a.line.id < b.line.id ? -1 : 1,
  );
  const add = (a: N, b: N) => ((a as number) + (b as number)) as N;
  const times = (n: number, v: N) => (typeof v === 'bigint' ? BigInt(n) * v : n * (v as number)) as N;
  const suffix: N[] = new Array<N>(items.length + 1).fill(zero);
  for (let i = items.length - 1; i >= 0; i -= 1) suffix[i] = add(suffix[i + 1], items[i].value);
  const solutions: Prepared[][] = [];
  const chosen: Prepared[] = [];
  let steps = 0;
  let exhausted = false;
  const walk = (start: number, total: N): void => {
    if (chosen.length >= 2 && total >= low && total <= high) {
      solutions.push([...chosen]);
      if (low === high) return; // exact: a superset only adds lines of zero
    }
    if (solutions.length >= 2 || chosen.length === maxSize) return;
    // Even everything left cannot reach the lowest acceptable total.
    if (add(total, suffix[start]) < low) return;
    const slots = maxSize - chosen.length;
    for (let i = start; i < items.length; i += 1) {
      const value = items[i].value;
      // Items are in descending order: if even this one in every slot falls short, so do the rest.
      if (add(total, times(slots, value)) < low) return;
      if (++steps > budget) {
        exhausted = true;
        return;
      }
      if (add(total, value) > high) continue;
      chosen.push(items[i].line);
      walk(i + 1, add(total, value));
      chosen.pop();
      if (solutions.length >= 2 || exhausted) return;
    }
  };
  walk(0, zero);
  return { solutions, exhausted };
}
