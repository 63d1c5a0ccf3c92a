// The canonical order of a side's lines (date, then id in natural order): the result must not
// depend on the order the lines came in.

/**
 * The lines by day, then id in natural order ("L9" before "L10"), then id as text: ids of one
 * prefix and a number ("C7-O15") by their numbers, others by a natural key computed once per line.
 * A stable order, so lines equal in all three keep their input order.
 */
export function canonicalOrder<T extends { id: string; day: number }>(
  lines: T[],
  numbers = trailingNumbers(lines),
): T[] {
  const byId = (a: number, b: number) => (lines[a].id < lines[b].id ? -1 : lines[a].id > lines[b].id ? 1 : 0);
  if (numbers) return byDay(lines, (a, b) => numbers[a] - numbers[b] || byId(a, b));
  // Digit runs padded to the longest run among these ids sort exactly as padded to 24 (shorter keys
  // compare faster); a run longer than 24 keeps the usual width.
  const longest = longestDigitRun(lines);
  const width = longest > 24 ? 24 : longest;
  const keys = lines.map((line) => naturalKey(line.id, width));
  return byDay(lines, (a, b) => compareKeys(keys[a], keys[b]) || byId(a, b));
}

/**
 * The lines by day, then by `compare` (of their indexes), stably. A period spans a few dozen days:
 * the lines are counted into one bucket per day (in input order), and each day's few lines put in
 * order by insertion (a crowded day by a sort), both stable as the sort they replace: the same
 * order, without a comparison sort over all of them. Days far apart (more days than four per
 * line) are sorted as before.
 */
function byDay<T extends { day: number }>(lines: T[], compare: (a: number, b: number) => number): T[] {
  const count = lines.length;
  let first = Infinity;
  let last = -Infinity;
  for (const line of lines) {
    if (line.day < first) first = line.day;
    if (line.day > last) last = line.day;
  }
  const order = new Array<number>(count);
  for (let n = 0; n < count; n += 1) order[n] = n;
  if (count === 0) return [];
  if (last - first >= 4 * count + 64) {
    order.sort((a, b) => lines[a].day - lines[b].day || compare(a, b));
    return order.map((n) => lines[n]);
  }
  // Where each day's lines start, then the lines placed in input order within their day.
  const starts = new Int32Array(last - first + 2);
  for (const line of lines) starts[line.day - first + 1] += 1;
  for (let d = 1; d < starts.length; d += 1) starts[d] += starts[d - 1];
  const next = starts.slice(0, starts.length - 1);
  for (let n = 0; n < count; n += 1) order[next[lines[n].day - first]++] = n;
  for (let d = 0; d + 1 < starts.length; d += 1) {
    // A crowded day (a statement of one date) is sorted, not put in order by insertion, unless its
    // lines are in order already (lines in id order): insertion then moves none.
    if (starts[d + 1] - starts[d] > 16 && !inOrder(order, starts[d], starts[d + 1], compare)) {
      const day = order.slice(starts[d], starts[d + 1]).sort(compare);
      for (let i = 0; i < day.length; i += 1) order[starts[d] + i] = day[i];
      continue;
    }
    for (let i = starts[d] + 1; i < starts[d + 1]; i += 1) {
      const n = order[i];
      let j = i - 1;
      while (j >= starts[d] && compare(order[j], n) > 0) {
        order[j + 1] = order[j];
        j -= 1;
      }
      order[j + 1] = n;
    }
  }
  const sorted = new Array<T>(count);
  for (let i = 0; i < count; i += 1) sorted[i] = lines[order[i]];
  return sorted;
}

/** Whether `order[from..to]` is in order by `compare`. */
function inOrder(
  order: number[],
  from: number,
  to: number,
  compare: (a: number, b: number) => number,
): boolean {
  for (let i = from + 1; i < to; i += 1) if (compare(order[i - 1], order[i]) > 0) return false;
  return true;
}

/**
 * Whether two lines may share an id, given their `trailingNumbers`: false when every id is one
 * prefix and a number and no two numbers are equal (a repeated id repeats its number), which a sort
 * of the numbers (or their rising in input order) shows without hashing every id. Else true: the
 * ids are then checked one by one.
 */
export function mayRepeatIds(numbers: Float64Array | undefined): boolean {
  if (!numbers) return true;
  // Numbers rising in input order (lines in id order, as a file usually gives them) repeat none:
  // one pass, no sorted copy.
  let rising = 1;
  while (rising < numbers.length && numbers[rising] > numbers[rising - 1]) rising += 1;
  if (rising >= numbers.length) return false;
  const sorted = numbers.slice().sort();
  for (let n = 1; n < sorted.length; n += 1) if (sorted[n] === sorted[n - 1]) return true;
  return false;
}

/** "L9" before "L10": digit runs compare as numbers, so identical lines keep the order people gave them. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i += 1) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    if (numeric && x.replace(/^0+/, '').length !== y.replace(/^0+/, '').length) {
      return x.replace(/^0+/, '').length - y.replace(/^0+/, '').length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** A string that sorts like naturalCompare: digit runs without leading zeros, padded to a fixed width. */
export function naturalKey(id: string, width = 24): string {
  let key = '';
  let i = 0;
  while (i < id.length) {
    const code = id.charCodeAt(i);
    if (code < 48 || code > 57) {
      let j = i + 1;
      while (j < id.length && (id.charCodeAt(j) < 48 || id.charCodeAt(j) > 57)) j += 1;
      key += id.slice(i, j);
      i = j;
      continue;
    }
    let j = i;
    while (j < id.length && id.charCodeAt(j) >= 48 && id.charCodeAt(j) <= 57) j += 1;
    let first = i;
    while (first < j - 1 && id.charCodeAt(first) === 48) first += 1; // a run of zeros keeps one
    key += id.slice(first, j).padStart(width, '0');
    i = j;
  }
  return key;
}

/**
 * When every id is one prefix (the same text, not ending in a digit) and a run of 1 to 15 digits
 * ("C000007-O15"), each id's number: naturalKey then differs between ids only in that run, padded,
 * so the ids sort by natural key as their numbers sort (exact: below 2^53). Else undefined.
 */
export function trailingNumbers(lines: ReadonlyArray<{ id: string }>): Float64Array | undefined {
  const numbers = new Float64Array(lines.length);
  let prefix: string | undefined;
  for (let n = 0; n < lines.length; n += 1) {
    const id = lines[n].id;
    let start = id.length;
    while (start > 0 && id.charCodeAt(start - 1) >= 48 && id.charCodeAt(start - 1) <= 57) start -= 1;
    if (start === id.length || id.length - start > 15) return undefined;
    if (prefix === undefined) prefix = id.slice(0, start);
    else if (start !== prefix.length || !id.startsWith(prefix)) return undefined;
    let value = 0;
    for (let i = start; i < id.length; i += 1) value = value * 10 + (id.charCodeAt(i) - 48);
    numbers[n] = value;
  }
  return numbers;
}

/** The longest run of digits in the lines' ids, leading zeros left out (a run of zeros counts one). */
function longestDigitRun(lines: ReadonlyArray<{ id: string }>): number {
  let longest = 0;
  for (const { id } of lines) {
    let i = 0;
    while (i < id.length) {
      if (id.charCodeAt(i) < 48 || id.charCodeAt(i) > 57) {
        i += 1;
        continue;
      }
      let j = i;
      while (j < id.length && id.charCodeAt(j) >= 48 && id.charCodeAt(j) <= 57) j += 1;
      let first = i;
      while (first < j - 1 && id.charCodeAt(first) === 48) first += 1;
      if (j - first > longest) longest = j - first;
      i = j;
    }
  }
  return longest;
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
