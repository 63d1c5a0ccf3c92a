import type { MatchLine, ReconcileInput } from '../../matching';
import { fromUnits, toUnits } from '../../matching';

let next = 0;
export function line(date: string, ref: string, amount: string, extra: Partial<MatchLine> = {}): MatchLine {
  next += 1;
  return {
    id: extra.id ?? `L${next}`,
    date,
    reference: ref,
    kind: 'INVOICE',
    amount,
    currency: 'CNY',
    ...extra,
  };
}

const total = (lines: MatchLine[], opening: string) =>
  fromUnits(lines.reduce((sum, l) => sum + toUnits(l.amount), toUnits(opening)));

/** Both sides with closing balances that are the sums of their lines (opening 0 unless given). */
export function input(
  ours: MatchLine[],
  theirs: MatchLine[],
  extra: Partial<ReconcileInput> = {},
): ReconcileInput {
  const ourOpening = extra.ourOpening ?? '0';
  const theirOpening = extra.theirOpening ?? '0';
  return {
    ours,
    theirs,
    period: { start: '2026-10-01', end: '2026-10-31' },
    ourOpening,
    theirOpening,
    ourClosing: total(ours, ourOpening),
    theirClosing: total(theirs, theirOpening),
    ...extra,
  };
}
