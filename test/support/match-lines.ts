import type { MatchLine, ReconcileInput, ReconcileResult } from '../../matching';
import { fromUnits, toUnits } from '../../matching';

// The matching engine's test lines and outcomes, built one way for every matching test.

let next = 0;
/** A line of the engine's input: an invoice in CNY unless `extra` says otherwise. */
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

/** A document known by its number alone (no reference). */
export const doc = (date: string, docNo: string, amount: string, extra: Partial<MatchLine> = {}) =>
  line(date, '', amount, { docNo, reference: undefined, ...extra });

/** A receipt naming what it pays in its reference. */
export const pay = (date: string, reference: string, amount: string, extra: Partial<MatchLine> = {}) =>
  line(date, reference, amount, { kind: 'RECEIPT', ...extra });

/** A receipt saying what it pays only in free text (no reference). */
export const text = (date: string, description: string, amount: string, extra: Partial<MatchLine> = {}) =>
  line(date, '', amount, { reference: undefined, description, kind: 'RECEIPT', ...extra });

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

/** The groups as [rule, our ids, their ids, residual], sorted: order-free to compare. */
export const groups = (r: ReconcileResult) =>
  r.groups.map((g) => [g.rule, g.ourIds, g.theirIds, g.residual]).sort();

/** The differences as [kind, our ids, their ids, amount], sorted. */
export const diffs = (r: ReconcileResult) =>
  r.differences.map((d) => [d.kind, d.ourIds, d.theirIds, d.amount]).sort();

/** The differences' kinds, sorted. */
export const kinds = (r: ReconcileResult) => r.differences.map((d) => d.kind).sort();

/** The suggestions as [our ids, their ids], sorted. */
export const suggested = (r: ReconcileResult) => r.suggestions.map((s) => [s.ourIds, s.theirIds]).sort();
