import { stableId } from './ids';
import type { Prepared } from './prepare';
import type { MatchState } from './state';
import type { DifferenceKind } from './types';
import { dayNumber, fromUnits } from './units';

const label = (l: Prepared) => l.raw || l.id;

/**
 * Every line no group took becomes exactly one difference: a same-document pair with different
 * amounts (AMOUNT_MISMATCH), a repeat of a matched line (DUPLICATE), an item dated across the
 * period boundary (TIMING), or a line only one side has (MISSING_IN_*). Signs are the bridge's.
 */
export function classifyUnplaced(
  state: MatchState,
  ours: Prepared[],
  theirs: Prepared[],
  period: { start: string; end: string },
): void {
  const add = (kind: DifferenceKind, o: Prepared[], t: Prepared[], amount: bigint, explanation: string) => {
    for (const line of [...o, ...t]) line.placed = true;
    state.differences.push({
      id: stableId(
        kind.toLowerCase().replace(/_/g, '-'),
        o.map((l) => l.id),
        t.map((l) => l.id),
      ),
      kind,
      amount: fromUnits(amount),
      ourIds: o.map((l) => l.id),
      theirIds: t.map((l) => l.id),
      explanation,
    });
  };

  // Same document on both sides, amounts apart beyond tolerance.
  const theirByDoc = new Map<string, Prepared[]>();
  for (const line of theirs) {
    if (line.placed || !line.norm) continue;
    const key = `${line.currency}|${line.norm}`;
    theirByDoc.set(key, [...(theirByDoc.get(key) ?? []), line]);
  }
  for (const line of ours) {
    if (line.placed || !line.norm) continue;
    const other = (theirByDoc.get(`${line.currency}|${line.norm}`) ?? []).find(
      (l) => !l.placed && l.units > 0n === line.units > 0n,
    );
    if (!other) continue;
    const gap = other.units - line.units;
    add(
      'AMOUNT_MISMATCH',
      [line],
      [other],
      gap,
      `${label(line)}: ${fromUnits(line.units)} in our books, ${fromUnits(other.units)} in theirs (${fromUnits(gap)})`,
    );
  }

  // A repeat of a line that was matched: same document, amount and date on the same side.
  const placedKeys = new Set<string>();
  const dupKey = (l: Prepared) => `${l.side}|${l.currency}|${l.norm || l.raw}|${l.units}|${l.day}`;
  for (const line of [...ours, ...theirs])
    if (line.placed && (line.norm || line.raw)) placedKeys.add(dupKey(line));
  const start = dayNumber(period.start);
  const end = dayNumber(period.end);
  for (const line of [...ours, ...theirs]) {
    if (line.placed) continue;
    const mine = line.side === 'ours';
    const amount = mine ? -line.units : line.units;
    const [o, t] = mine ? [[line], []] : [[], [line]];
    if ((line.norm || line.raw) && placedKeys.has(dupKey(line))) {
      add(
        'DUPLICATE',
        o,
        t,
        amount,
        `${label(line)} ${fromUnits(line.units)} appears twice in ${mine ? 'our books' : 'their statement'}`,
      );
    } else if (line.day < start || line.day > end || line.day > end - state.settings.timingDays) {
      add(
        'TIMING',
        o,
        t,
        amount,
        `${label(line)} ${fromUnits(line.units)} dated ${line.date}, across the period end: expected on the other side next period`,
      );
    } else if (mine) {
      add(
        'MISSING_IN_THEIRS',
        o,
        t,
        amount,
        `${label(line)} ${fromUnits(line.units)} is in our books, not on their statement`,
      );
    } else {
      add(
        'MISSING_IN_OURS',
        o,
        t,
        amount,
        `${label(line)} ${fromUnits(line.units)} is on their statement, not in our books`,
      );
    }
  }
}
