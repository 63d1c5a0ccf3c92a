import type { Prepared } from '../prepare';

/** Step budget per target: the search is bounded whatever the pool looks like. */
const STEP_BUDGET = 50_000;

/**
 * Subsets of `pool` (2..maxSize lines) whose amounts add up exactly to `target`. Stops after two
 * solutions (two already means "ambiguous") or when the budget runs out.
 */
export function findSubsets(
  pool: Prepared[],
  target: bigint,
  maxSize: number,
): { solutions: Prepared[][]; exhausted: boolean } {
  // Exact fast path: while every |amount| × (maxSize + 1) stays below 2^53, doubles add these
  // integers without rounding and are far cheaper than BigInt. Otherwise the BigInt search below.
  const limit = BigInt(Math.floor(Number.MAX_SAFE_INTEGER / (maxSize + 1)));
  if (abs(target) < limit && pool.every((line) => abs(line.units) < limit)) {
    return findSubsetsSafe(pool, Number(abs(target)), maxSize);
  }
  // Largest magnitudes first prunes fastest; all amounts share the target's sign.
  const items = [...pool].sort((a, b) =>
    abs(b.units) > abs(a.units) ? 1 : abs(b.units) < abs(a.units) ? -1 : a.id < b.id ? -1 : 1,
  );
  const suffix: bigint[] = new Array(items.length + 1).fill(0n);
  for (let i = items.length - 1; i >= 0; i -= 1) suffix[i] = suffix[i + 1] + abs(items[i].units);
  const goal = abs(target);
  const solutions: Prepared[][] = [];
  const chosen: Prepared[] = [];
  let steps = 0;
  let exhausted = false;

  const search = (start: number, remaining: bigint): void => {
    if (solutions.length >= 2 || exhausted) return;
    if (remaining === 0n) {
      if (chosen.length >= 2) solutions.push([...chosen]);
      return;
    }
    if (chosen.length === maxSize || suffix[start] < remaining) return;
    const slots = BigInt(maxSize - chosen.length);
    for (let i = start; i < items.length; i += 1) {
      // Items are in descending order: if even the largest left, in every slot, falls short, stop.
      if (slots * abs(items[i].units) < remaining) return;
      if (++steps > STEP_BUDGET) {
        exhausted = true;
        return;
      }
      const value = abs(items[i].units);
      if (value > remaining) continue;
      chosen.push(items[i]);
      search(i + 1, remaining - value);
      chosen.pop();
      if (solutions.length >= 2 || exhausted) return;
    }
  };
  search(0, goal);
  return { solutions, exhausted };
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/** The same search on integers known to be exact as doubles (see findSubsets). */
function findSubsetsSafe(
  pool: Prepared[],
  goal: number,
  maxSize: number,
): { solutions: Prepared[][]; exhausted: boolean } {
  const items = pool
    .map((line) => ({ line, value: Math.abs(Number(line.units)) }))
    .sort((a, b) => b.value - a.value || (a.line.id < b.line.id ? -1 : 1));
  const suffix = new Array<number>(items.length + 1).fill(0);
  for (let i = items.length - 1; i >= 0; i -= 1) suffix[i] = suffix[i + 1] + items[i].value;
  const solutions: Prepared[][] = [];
  const chosen: Prepared[] = [];
  let steps = 0;
  let exhausted = false;
  const search = (start: number, remaining: number): void => {
    if (remaining === 0) {
      if (chosen.length >= 2) solutions.push([...chosen]);
      return;
    }
    if (chosen.length === maxSize || suffix[start] < remaining) return;
    const slots = maxSize - chosen.length;
    for (let i = start; i < items.length; i += 1) {
      const value = items[i].value;
      if (slots * value < remaining) return;
      if (++steps > STEP_BUDGET) {
        exhausted = true;
        return;
      }
      if (value > remaining) continue;
      chosen.push(items[i].line);
      search(i + 1, remaining - value);
      chosen.pop();
      if (solutions.length >= 2 || exhausted) return;
    }
  };
  search(0, goal);
  return { solutions, exhausted };
}
