import type { Prepared } from '../prepare';

/**
 * Every line has the same date, numbers, description, kind and amount as the first: one line
 * entered twice (a statement imported twice), which no field tells apart. Which of them pairs does
 * not matter; the others repeat a matched line (a DUPLICATE).
 */
export function twins(lines: Prepared[]): boolean {
  const first = lines[0];
  return lines.every(
    (l) =>
      l.day === first.day &&
      l.docNo === first.docNo &&
      l.reference === first.reference &&
      l.description === first.description &&
      l.kind === first.kind &&
      l.amountKey === first.amountKey,
  );
}
