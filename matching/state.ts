import { allowedResidual } from './settings';
import type { Prepared } from './prepare';
import type { Difference, MatchGroup, RuleName, RuleSettings } from './types';
import { pairId, stableId } from './ids';
import { absUnits, fromUnits } from './units';

const RULE_PREFIX: Record<RuleName, string> = {
  EXACT_REFERENCE: 'ex',
  NORMALIZED_REFERENCE: 'nr',
  TEXT_REFERENCE: 'tx',
  AMOUNT_DATE_WINDOW: 'aw',
  FUZZY_REFERENCE: 'fz',
  ONE_TO_MANY: 'om',
  MANY_TO_MANY: 'mm',
};

/** What the rules build up: applied groups, suggestions, placing differences. */
export class MatchState {
  readonly groups: MatchGroup[] = [];
  readonly suggestions: MatchGroup[] = [];
  readonly differences: Difference[] = [];

  private readonly rejected: ReadonlySet<string>;
  /** Each side's lines open when last asked (`openLines`): every line open now is among them. */
  private openOurs: Prepared[];
  private openTheirs: Prepared[];
  /** How many lines of each side have each item (`itemKey`), open or placed: made when first needed. */
  private itemCounts: ItemCounts | undefined;
  /** The last `reservedForReferences` and how many lines were open when it was made. */
  private reserved: { open: number; answer: (line: Prepared) => boolean } | undefined;

  /** `ours` and `theirs`: every line of the period, each side in line order. */
  constructor(
    readonly settings: RuleSettings,
    rejected: ReadonlyArray<{ ours: readonly string[]; theirs: readonly string[] }> = [],
    readonly ours: Prepared[] = [],
    readonly theirs: Prepared[] = [],
  ) {
    this.rejected = new Set(rejected.map((r) => pairKey(r.ours, r.theirs)));
    this.openOurs = ours;
    this.openTheirs = theirs;
  }

  /**
   * The lines no group or difference took yet, each side in line order. Most lines are placed by
   * the reference rules: the later rules look at these few, not at every line again. A placed line
   * never opens again, so each call filters the last call's lists.
   */
  openLines(): [Prepared[], Prepared[]] {
    this.openOurs = stillOpen(this.openOurs);
    this.openTheirs = stillOpen(this.openTheirs);
    return [this.openOurs, this.openTheirs];
  }

  /**
   * `reservedForReferences` of every line of the period, from the open lines only: a placed line
   * of an open line's item is known by the item's count of lines being more than its open ones.
   */
  reservedForReferences(): (line: Prepared) => boolean {
    // As many lines open as at the last call: the same lines (none opens again), the same answers.
    const open = countOpen(this.openOurs) + countOpen(this.openTheirs);
    if (this.reserved?.open === open) return this.reserved.answer;
    const answer = reservedAmong(
      this.openOurs,
      this.openTheirs,
      () => (this.itemCounts ??= countItems(this.ours, this.theirs)),
    );
    this.reserved = { open, answer };
    return answer;
  }

  /** A clerk rejected exactly this pairing before. */
  isRejected(ours: Prepared[], theirs: Prepared[]): boolean {
    return (
      this.rejected.size > 0 &&
      this.rejected.has(
        pairKey(
          ours.map((l) => l.id),
          theirs.map((l) => l.id),
        ),
      )
    );
  }

  residual(ours: Prepared[], theirs: Prepared[]): bigint {
    // One line against one, the most common pairing: no reduce, no intermediate sums.
    if (ours.length === 1 && theirs.length === 1) return theirs[0].units - ours[0].units;
    return sum(theirs) - sum(ours);
  }

  withinTolerance(ours: Prepared[], theirs: Prepared[]): boolean {
    const currency = (ours[0] ?? theirs[0]).currency;
    return (
      absUnits(this.residual(ours, theirs)) <=
      allowedResidual(this.settings, currency, sum(ours), sum(theirs))
    );
  }

  /** Applies the group (confidence at or above the threshold) or keeps it as a suggestion. */
  propose(
    rule: RuleName,
    ours: Prepared[],
    theirs: Prepared[],
    confidence: number,
    evidence: string,
  ): boolean {
    if (ours.length === 1 && theirs.length === 1)
      return this.proposePair(rule, ours[0], theirs[0], confidence, evidence);
    if (this.isRejected(ours, theirs)) return false;
    const ourIds = ours.map((l) => l.id);
    const theirIds = theirs.map((l) => l.id);
    const id = stableId(RULE_PREFIX[rule], ourIds, theirIds);
    const group = groupOf(id, rule, confidence, ourIds, theirIds, this.residual(ours, theirs), evidence);
    if (!this.applied(group, confidence)) return false;
    for (const line of ours) line.placed = true;
    for (const line of theirs) line.placed = true;
    return true;
  }

  /**
   * `propose` for one line of ours against one of theirs, the pairing of nearly every group:
   * the same checks and the same group, without the lists of lines made for each call.
   */
  proposePair(rule: RuleName, our: Prepared, their: Prepared, confidence: number, evidence: string): boolean {
    if (this.rejected.size > 0 && this.rejected.has(pairKey([our.id], [their.id]))) return false;
    // An invoice is never the customer's receipt of the same sign (see kindsContradict).
    if (kindsContradict(our, their)) return false;
    const id = pairId(RULE_PREFIX[rule], our.id, their.id);
    const group = groupOf(id, rule, confidence, [our.id], [their.id], their.units - our.units, evidence);
    if (!this.applied(group, confidence)) return false;
    our.placed = true;
    their.placed = true;
    return true;
  }

  /** Applied (confidence at or above the threshold: true) or kept as a suggestion. */
  private applied(group: MatchGroup, confidence: number): boolean {
    if (confidence < this.settings.autoApplyConfidence) {
      this.suggestions.push(group);
      return false;
    }
    this.groups.push(group);
    return true;
  }
}

/** A group's record, its fields in the order the output prints them. */
function groupOf(
  id: string,
  rule: RuleName,
  confidence: number,
  ourIds: string[],
  theirIds: string[],
  residual: bigint,
  evidence: string,
): MatchGroup {
  return {
    id,
    rule,
    confidence: Math.round(confidence * 10_000) / 10_000,
    ourIds,
    theirIds,
    residual: fromUnits(residual),
    evidence,
  };
}

/**
 * Lines that amount-only rules (date window, subset sums) leave alone: a line whose own document is
 * still open on the other side (it is that document's AMOUNT_MISMATCH or fuzzy match), and a line
 * repeating a matched line of its side (a DUPLICATE).
 */
export function reservedForReferences(ours: Prepared[], theirs: Prepared[]): (line: Prepared) => boolean {
  let counts: ItemCounts | undefined;
  return reservedAmong(ours, theirs, () => (counts ??= countItems(ours, theirs)));
}

/** Per item (`itemKey`), how many lines of each side have it: ours at `2 * item`, theirs at `2 * item + 1`. */
type ItemCounts = Int32Array;

function countItems(ours: Prepared[], theirs: Prepared[]): ItemCounts {
  let last = 0;
  for (const lines of [ours, theirs]) for (const line of lines) if (line.itemKey > last) last = line.itemKey;
  const counts = new Int32Array(2 * last + 2);
  for (const line of ours) counts[2 * line.itemKey] += 1;
  for (const line of theirs) counts[2 * line.itemKey + 1] += 1;
  return counts;
}

/**
 * `reservedForReferences` given lists holding every open line (placed ones among them are skipped)
 * and the item counts of all the lines (asked for only when an open line has an item): an open
 * line's item has a placed line of its side exactly when the side has more lines of the item than
 * open ones.
 */
function reservedAmong(
  ours: Prepared[],
  theirs: Prepared[],
  countsOf: () => ItemCounts,
): (line: Prepared) => boolean {
  // Per side (0 ours, 1 theirs, by each line's own side): documents still open, and the open lines
  // of each item counted (at the item's place in the counts), to tell which items are matched.
  const open = [new Set<number>(), new Set<number>()];
  const openOfItem = new Map<number, number>();
  const unplaced: Prepared[] = [];
  for (const lines of [ours, theirs])
    for (const line of lines) {
      if (line.placed) continue;
      unplaced.push(line);
      const side = line.side === 'ours' ? 0 : 1;
      for (const k of line.docKeys) open[side].add(k);
      if (line.itemKey) {
        const at = 2 * line.itemKey + side;
        openOfItem.set(at, (openOfItem.get(at) ?? 0) + 1);
      }
    }
  // A line placed already repeats its own item (it is one of the matched).
  const reserved = (line: Prepared, placed: boolean) => {
    const side = line.side === 'ours' ? 0 : 1;
    if (line.itemKey) {
      if (placed) return true;
      const at = 2 * line.itemKey + side;
      if (countsOf()[at] > openOfItem.get(at)!) return true;
    }
    const other = open[1 - side];
    for (const k of line.docKeys) if (other.has(k)) return true;
    return false;
  };
  // The sets are a snapshot: each line's answer is fixed when this is called (the open lines' now),
  // and rules ask about a line many times (once per target whose window it falls in).
  const answers = new Map<Prepared, boolean>();
  for (const line of unplaced) answers.set(line, reserved(line, false));
  return (line) => answers.get(line) ?? reserved(line, true);
}

/**
 * Documents (`docKeys`) that an open credit note or adjustment names besides its own number:
 * the document is reduced by it, so a gap on it is that credit, never a fee within tolerance.
 */
export function creditedDocuments(ours: Prepared[], theirs: Prepared[]): Set<number> {
  const credited = new Set<number>();
  for (const lines of [ours, theirs])
    for (const line of lines) {
      if (line.placed || (line.kind !== 'CREDIT_NOTE' && line.kind !== 'ADJUSTMENT')) continue;
      for (let n = 0; n < line.norms.length; n += 1)
        if (line.norms[n] !== line.docNorm) credited.add(line.docKeys[n]);
    }
  return credited;
}

function countOpen(lines: Prepared[]): number {
  let open = 0;
  for (const line of lines) if (!line.placed) open += 1;
  return open;
}

/** The lines not placed, in their order (the list itself when none is). */
function stillOpen(lines: Prepared[]): Prepared[] {
  let n = 0;
  while (n < lines.length && !lines[n].placed) n += 1;
  if (n === lines.length) return lines;
  const open = lines.slice(0, n);
  for (n += 1; n < lines.length; n += 1) if (!lines[n].placed) open.push(lines[n]);
  return open;
}

/** Order-free key of a pairing's member ids. */
export const pairKey = (ours: readonly string[], theirs: readonly string[]) =>
  `${[...ours].sort().join('\u0000')}\u0001${[...theirs].sort().join('\u0000')}`;

export const sum = (lines: Prepared[]) => lines.reduce((total, line) => total + line.units, 0n);

/** A line's field that evidence can cite. */
type Field = 'docNo' | 'reference' | 'raw';

/**
 * Which of a line's fields has the normalised value `norm`: its document number, its reference,
 * else its primary field (`raw`, the one evidence names by default). A name, not an object built
 * per evidence.
 */
function fieldOf(line: Prepared, norm: string | undefined): Field {
  if (norm !== undefined && line.docNorm === norm && line.docNo) return 'docNo';
  if (norm !== undefined && line.refNorm === norm && line.reference) return 'reference';
  return 'raw';
}

/** The field's text as written. */
function fieldText(line: Prepared, field: Field): string {
  return field === 'docNo' ? line.docNo : field === 'reference' ? line.reference : line.raw;
}

/** The field's name as evidence prints it. */
function fieldName(line: Prepared, field: Field): string {
  return field === 'docNo'
    ? 'document number'
    : field === 'reference'
      ? 'reference'
      : line.rawField || 'reference';
}

/**
 * Evidence that names the fields compared: "reference INV-7 = INV-7" when both are references,
 * else "our document number PAY/2020/0031 ~ their reference pay 2020 0031".
 */
export function describeReferences(
  a: Prepared,
  b: Prepared,
  sign: string,
  normA?: string,
  normB = normA,
): string {
  return describeFields(a, fieldOf(a, normA), b, fieldOf(b, normB), sign);
}

/**
 * `describeReferences` of the document `norm` with "=" when both lines write it alike
 * (`writtenAlike`), else "~": each line's field found once for both.
 */
export function describeSameDocument(a: Prepared, b: Prepared, norm: string | undefined): string {
  const x = fieldOf(a, norm);
  const y = fieldOf(b, norm);
  return describeFields(a, x, b, y, fieldText(a, x) === fieldText(b, y) ? '=' : '~');
}

function describeFields(a: Prepared, x: Field, b: Prepared, y: Field, sign: string): string {
  const xName = fieldName(a, x);
  const yName = fieldName(b, y);
  const xText = fieldText(a, x);
  const yText = fieldText(b, y);
  if (xName === yName) return `${xName} ${xText} ${sign} ${yText}`;
  return `${whose(a)} ${xName} ${xText} ${sign} ${whose(b)} ${yName} ${yText}`;
}

const whose = (l: Prepared) => (l.side === 'ours' ? 'our' : 'their');

/**
 * An invoice against a receipt: never one pair, whatever their references, amounts and dates. A
 * statement whose signs are all reversed (the customer's payables) would otherwise pair our invoice
 * INV-1 +1,000 with their receipt "INV-1" +1,000, and our receipt with their invoice, and tie; left
 * open, each is its own document's AMOUNT_MISMATCH, the sign reversed, saying so.
 */
export function kindsContradict(a: Prepared, b: Prepared): boolean {
  return (a.kind === 'INVOICE' && b.kind === 'RECEIPT') || (a.kind === 'RECEIPT' && b.kind === 'INVOICE');
}

/** Whether the two lines write the compared reference alike (`INV-20` and `INV-20`, not `INV 20`). */
export function writtenAlike(a: Prepared, b: Prepared, normA?: string, normB = normA): boolean {
  return fieldText(a, fieldOf(a, normA)) === fieldText(b, fieldOf(b, normB));
}

export function describeDays(a: Prepared, b: Prepared): string {
  const days = Math.abs(a.day - b.day);
  return days === 0 ? 'same day' : `${days} day${days === 1 ? '' : 's'} apart`;
}
