import type { Prepared } from '../prepare';
import { describeDays, reservedForReferences, type MatchState } from '../state';
import { money } from '../units';
import { indexBy } from './reference';

/**
 * Rule 3: the same amount within the date window, applied only when the pairing is unique both
 * ways; otherwise the nearest candidate is suggested for a clerk.
 */
export function amountDateWindow(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  const window = state.settings.dateWindowDays;
  const key = (l: Prepared) => `${l.currency}|${l.amountKey}`;
  const theirIndex = indexBy(theirs, key);
  const ourIndex = indexBy(ours, key);
  // A line whose own document is open on the other side belongs with that document (an
  // AMOUNT_MISMATCH or a fuzzy match), and a repeat of a matched line is a DUPLICATE: neither is
  // paired with another line by its amount alone.
  const reserved = reservedForReferences(ours, theirs);
  const near = (list: Prepared[] | undefined, line: Prepared) =>
    (list ?? []).filter((c) => !c.placed && Math.abs(c.day - line.day) <= window && !reserved(c));
  for (const line of ours) {
    if (line.placed || reserved(line)) continue;
    const candidates = near(theirIndex.get(key(line)), line);
    if (candidates.length === 0) continue;
    const [first] = [...candidates].sort((a, b) => Math.abs(a.day - line.day) - Math.abs(b.day - line.day));
    const unique = candidates.length === 1 && near(ourIndex.get(key(first)), first).length === 1;
    const days = Math.abs(first.day - line.day);
    const confidence = unique ? 0.9 - 0.01 * days : 0.5 - 0.01 * days;
    const evidence = `amount ${money(line.units, line.currency)} on both sides, ${describeDays(line, first)}${unique ? '' : `, ${candidates.length} candidates`}`;
    state.propose('AMOUNT_DATE_WINDOW', [line], [first], confidence, evidence);
  }
}
