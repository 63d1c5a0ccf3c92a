import { stableId } from './ids';
import type { Prepared } from './prepare';
import { kindsContradict, type MatchState } from './state';
import type { DifferenceKind } from './types';
import { absUnits, dayNumber, fromUnits, money } from './units';
import { allowedResidual } from './settings';

const label = (l: Prepared) => l.raw || l.id;
const whose = (l: Prepared) => (l.side === 'ours' ? 'our books' : 'their statement');

/**
 * Every line no group took becomes exactly one difference, decided in this order:
 * 1. AMOUNT_MISMATCH: the same document on both sides (any of its references), amounts apart
 *    beyond tolerance: one difference for the pair, never two MISSING lines;
 * 2. DUPLICATE: a line repeating a matched line of its own side (same kind, normalised reference
 *    and amount, whatever its date in the period), decided before TIMING;
 * 3. TIMING: a line whose counterpart is dated after the period end (not part of this period), or
 *    dated in the last `timingDays` of the period, or before it;
 * 4. MISSING_IN_THEIRS / MISSING_IN_OURS: only one side has it.
 * Signs are the bridge's: −ours, +theirs.
 */
export function classifyUnplaced(
  state: MatchState,
  period: { start: string; end: string },
  afterPeriod: Prepared[] = [],
): void {
  // The open lines: the few no rule placed (the placed ones matter only as what a line repeats).
  let [ours, theirs] = state.openLines();
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

  amountMismatches(state, ours, theirs, add);
  setAsideZeroAmounts(state, ours, theirs);
  [ours, theirs] = state.openLines();

  // A repeat of a matched line: same side, kind, document and amount (its date does not matter); a
  // line with no number repeats one with the same description, amount and date. A payment returned
  // (+1,000 under INV-81) repeats no invoice INV-81 of 1,000: a receipt is never an invoice.
  const dupKey = (l: Prepared) =>
    `${l.side}|${l.kind}|${l.norm ? l.itemKey : l.raw ? `${l.currency}|${l.raw}|${l.amountKey}` : `${l.currency}|~${l.description}|${l.day}|${l.amountKey}`}`;
  const repeatable = (l: Prepared) => l.norm || l.raw || l.description;
  const placedKeys = placedRepeatKeys(ours, theirs, state.ours, state.theirs, dupKey, repeatable);
  const start = dayNumber(period.start);
  const end = dayNumber(period.end);
  const laterCounterpart = counterpartsAfter(afterPeriod, state.settings.dateWindowDays);
  for (const line of ours.concat(theirs)) {
    if (line.placed) continue;
    const mine = line.side === 'ours';
    const amount = mine ? -line.units : line.units;
    const [o, t] = mine ? [[line], []] : [[], [line]];
    const later = laterCounterpart(line);
    if (repeatable(line) && placedKeys.has(dupKey(line))) {
      add(
        'DUPLICATE',
        o,
        t,
        amount,
        `${label(line)} ${money(line.units, line.currency)} appears twice in ${whose(line)}`,
      );
    } else if (later) {
      add(
        'TIMING',
        o,
        t,
        amount,
        `${label(line)} ${money(line.units, line.currency)} dated ${line.date} is in ${whose(line)}; ${whose(later)} has it on ${later.date}, after the period end: it belongs to the next period there`,
      );
    } else if (line.day < start || line.day > end - state.settings.timingDays) {
      add(
        'TIMING',
        o,
        t,
        amount,
        `${label(line)} ${money(line.units, line.currency)} dated ${line.date}, ${line.day < start ? 'before the period' : 'at the period end'}: expected on the other side ${line.day < start ? 'already' : 'next period'}`,
      );
    } else if (mine) {
      add(
        'MISSING_IN_THEIRS',
        o,
        t,
        amount,
        `${label(line)} ${money(line.units, line.currency)} is in our books, not on their statement`,
      );
    } else {
      add(
        'MISSING_IN_OURS',
        o,
        t,
        amount,
        `${label(line)} ${money(line.units, line.currency)} is on their statement, not in our books`,
      );
    }
  }
}

/**
 * The keys (`dupKey`) of the placed, repeatable lines that an open line may repeat: every key holds
 * the amount, so only placed lines with an open line's amount (`openAmounts`) are keyed, the few
 * among hundreds. A key with a number is side, kind and item (`itemKey`: document and amount),
 * else side, kind, currency, text and amount; when no kind holds a "|" the two forms never meet, so
 * a placed line with an item matters only when an open line has that item, and one without only when
 * an open line without has its amount: small integers and a set mostly empty, not every placed
 * line's amount text hashed. Any "|" in a kind: every placed line with an open amount is keyed.
 * `openOurs` and `openTheirs` hold every open line (placed ones among them are skipped); `ours` and
 * `theirs` are all the lines.
 */
function placedRepeatKeys(
  openOurs: Prepared[],
  openTheirs: Prepared[],
  ours: Prepared[],
  theirs: Prepared[],
  dupKey: (line: Prepared) => string,
  repeatable: (line: Prepared) => unknown,
): Set<string> {
  const open: Prepared[] = [];
  let lastItem = 0;
  for (const lines of [openOurs, openTheirs])
    for (const line of lines)
      if (!line.placed) {
        open.push(line);
        if (line.itemKey > lastItem) lastItem = line.itemKey;
      }
  const openAmounts = new Set<string>();
  const openItems = new Uint8Array(lastItem + 1);
  const amountsWithoutItem = new Set<string>();
  for (const line of open) {
    openAmounts.add(line.amountKey);
    if (line.itemKey !== 0) openItems[line.itemKey] = 1;
    else amountsWithoutItem.add(line.amountKey);
  }
  const keys = new Set<string>();
  let kind = '';
  let plainKinds = true;
  for (const lines of [ours, theirs])
    for (const line of lines) {
      if (line.kind !== kind) {
        kind = line.kind;
        if (kind.includes('|')) plainKinds = false;
      }
      if (!line.placed) continue;
      const item = line.itemKey;
      const mayRepeat =
        item !== 0
          ? item <= lastItem && openItems[item] === 1
          : amountsWithoutItem.size > 0 && amountsWithoutItem.has(line.amountKey);
      if (mayRepeat && repeatable(line)) keys.add(dupKey(line));
    }
  if (plainKinds) return keys;
  keys.clear();
  for (const lines of [ours, theirs])
    for (const line of lines)
      if (line.placed && openAmounts.has(line.amountKey) && repeatable(line)) keys.add(dupKey(line));
  return keys;
}

/**
 * Signs that agree; a zero amount agrees with either when the kinds agree (an invoice entered at 0 is
 * that invoice, a receipt for it is another document).
 */
const sameSign = (a: Prepared, b: Prepared) =>
  a.units === 0n || b.units === 0n ? a.kind === b.kind : a.units > 0n === b.units > 0n;

/**
 * A zero-amount line no rule paired and no document of the other side claims changes neither balance:
 * it is no difference for a clerk to resolve (Odoo reconciles such lines by themselves). It is still
 * accounted for once, as a group of its own with nothing against it.
 */
function setAsideZeroAmounts(state: MatchState, ours: Prepared[], theirs: Prepared[]): void {
  for (const lines of [ours, theirs])
    for (const line of lines) {
      if (line.placed || line.units !== 0n) continue;
      line.placed = true;
      const [o, t] = line.side === 'ours' ? [[line.id], []] : [[], [line.id]];
      state.groups.push({
        id: stableId('zero', o, t),
        rule: 'ZERO_AMOUNT',
        confidence: 1,
        ourIds: o,
        theirIds: t,
        residual: '0',
        evidence: `${label(line)} of zero amount in ${whose(line)}: it changes neither balance, nothing to match`,
      });
    }
}

/** Same document on both sides, amounts apart beyond tolerance: one AMOUNT_MISMATCH per pair. */
function amountMismatches(
  state: MatchState,
  ours: Prepared[],
  theirs: Prepared[],
  add: (kind: DifferenceKind, o: Prepared[], t: Prepared[], amount: bigint, explanation: string) => void,
): void {
  const theirByDoc = new Map<number, Prepared[]>();
  for (const line of theirs) {
    if (line.placed) continue;
    for (const key of line.docKeys) {
      const list = theirByDoc.get(key);
      if (list) list.push(line);
      else theirByDoc.set(key, [line]);
    }
  }
  // Our open lines (a customer's few): the parts a document may have on our side.
  const ourOpen = ours.filter((l) => !l.placed && l.norms.length > 0);
  for (const line of ourOpen) {
    if (line.placed) continue;
    let best: { other: Prepared; norm: string } | undefined;
    for (let n = 0; n < line.norms.length; n += 1)
      for (const other of theirByDoc.get(line.docKeys[n]) ?? []) {
        // An invoice and a receipt are never one document (a statement with its signs reversed).
        if (other.placed || !sameSign(line, other) || kindsContradict(line, other)) continue;
        // The nearest amount, then the nearest date: the likeliest same document.
        if (
          !best ||
          absUnits(other.units - line.units) < absUnits(best.other.units - line.units) ||
          (absUnits(other.units - line.units) === absUnits(best.other.units - line.units) &&
            Math.abs(other.day - line.day) < Math.abs(best.other.day - line.day))
        )
          best = { other, norm: line.norms[n] };
      }
    if (!best) continue;
    const { other } = best;
    // The document booked in parts on one side (their INV-1 as 600 and 300 against our 1,000): one
    // mismatch for the document, never a part called missing.
    const [o, t] = documentInParts(line, other, ourOpen, theirByDoc.get(other.docKeys[0]) ?? [], state);
    const [mine, theirs] = [total(o), total(t)];
    const gap = theirs - mine;
    const allowed = allowedResidual(state.settings, line.currency, mine, theirs);
    add(
      'AMOUNT_MISMATCH',
      o,
      t,
      gap,
      `${label(line)}: ${money(mine, line.currency)} in our books${inLines(o)}, ${money(theirs, line.currency)} in theirs${inLines(t)} (${money(gap, line.currency)}${absUnits(gap) <= allowed ? '' : `, beyond the tolerance of ${money(allowed, line.currency)}`})`,
    );
  }
  // The same document of the same kind with its sign reversed on one side (an invoice entered as a
  // credit): one AMOUNT_MISMATCH for the pair. Opposite signs otherwise are another document that
  // names it (a receipt for the invoice), so the kind must agree.
  for (const line of ours) {
    if (line.placed || line.norms.length === 0) continue;
    let best: Prepared | undefined;
    for (const key of line.docKeys)
      for (const other of theirByDoc.get(key) ?? [])
        if (!other.placed && other.kind === line.kind && other.units === -line.units && other.units !== 0n)
          if (!best || Math.abs(other.day - line.day) < Math.abs(best.day - line.day)) best = other;
    if (!best) continue;
    const gap = best.units - line.units;
    add(
      'AMOUNT_MISMATCH',
      [line],
      [best],
      gap,
      `${label(line)}: ${money(line.units, line.currency)} in our books, ${money(best.units, line.currency)} in theirs (${money(gap, line.currency)}: the sign is reversed on one side)`,
    );
  }
}

const total = (lines: Prepared[]) => lines.reduce((sum, l) => sum + l.units, 0n);

/** " in 2 lines (600.00 + 300.00)" for a document in parts, else nothing. */
const inLines = (lines: Prepared[]) =>
  lines.length < 2
    ? ''
    : ` in ${lines.length} lines (${lines.map((l) => money(l.units, l.currency)).join(' + ')})`;

/**
 * The pair `line` / `other` of one document, widened to the document's parts when one side has it
 * as one line and the other in several: open lines of the same number, kind, sign and currency,
 * each of another amount (a repeated amount is a DUPLICATE), at most `maxGroupSize`.
 */
function documentInParts(
  line: Prepared,
  other: Prepared,
  ours: Prepared[],
  theirCandidates: Prepared[],
  state: MatchState,
): [Prepared[], Prepared[]] {
  const partsOf = (one: Prepared, lines: Prepared[]) => {
    const parts = lines.filter(
      (l) =>
        !l.placed &&
        l.norm === one.norm &&
        l.kind === one.kind &&
        l.currency === one.currency &&
        l.units !== 0n &&
        l.units > 0n === one.units > 0n,
    );
    const amounts = new Set(parts.map((l) => l.amountKey));
    const whole = parts.includes(one) && amounts.size === parts.length;
    return whole && parts.length <= state.settings.maxGroupSize ? parts : [one];
  };
  const theirParts = partsOf(other, theirCandidates);
  const ourParts = partsOf(line, ours);
  if (ourParts.length === 1 && theirParts.length > 1) return [[line], theirParts];
  if (theirParts.length === 1 && ourParts.length > 1) return [ourParts, [other]];
  return [[line], [other]];
}

/**
 * For an in-period line, a line of the other side dated after the period end that is the same item:
 * the same document (any reference) and amount, else the same amount within the date window.
 */
function counterpartsAfter(after: Prepared[], window: number): (line: Prepared) => Prepared | undefined {
  if (after.length === 0) return () => undefined;
  const byDoc = new Map<string, Prepared>();
  const byAmount = new Map<string, Prepared[]>();
  for (const line of after) {
    for (const doc of line.docKeys) byDoc.set(`${line.side}|${doc}|${line.amountKey}`, line);
    const key = `${line.side}|${line.currency}|${line.amountKey}`;
    byAmount.set(key, [...(byAmount.get(key) ?? []), line]);
  }
  const used = new Set<Prepared>();
  return (line) => {
    const otherSide = line.side === 'ours' ? 'theirs' : 'ours';
    for (const doc of line.docKeys) {
      const found = byDoc.get(`${otherSide}|${doc}|${line.amountKey}`);
      if (found && !used.has(found)) return (used.add(found), found);
    }
    const found = (byAmount.get(`${otherSide}|${line.currency}|${line.amountKey}`) ?? []).find(
      (c) => !used.has(c) && c.day - line.day <= window,
    );
    if (found) used.add(found);
    return found;
  };
}
