import { Money } from '../../money/decimal';
import type { EngineInputData, EngineLine } from './load-engine-input';

/** What the match activity persists, whichever engine produced it. */
export interface EngineMember {
  id: string;
  amount: string;
}

export interface EngineGroup {
  key: string;
  rule: string;
  confidence: number;
  residual: string;
  evidence: string;
  ours: EngineMember[];
  theirs: EngineMember[];
}

export interface EngineDifference {
  key: string;
  kind: string;
  /** Signed as it enters the bridge: our closing + Σ amounts = their closing. */
  amount: string;
  ourIds: string[];
  theirIds: string[];
  explanation: string;
}

export interface EngineBridge {
  ourClosing: string;
  theirClosing: string;
  lines: Array<{ kind: string; amount: string; explanation: string }>;
  computedTheirClosing: string;
  unexplained: string;
  tied: boolean;
}

export interface EngineOutcome {
  groups: EngineGroup[];
  suggestions: EngineGroup[];
  differences: EngineDifference[];
  bridge: EngineBridge;
  stats: Record<string, number>;
}

const member = (line: EngineLine): EngineMember => ({ id: line.id, amount: line.amount });
const canonicalAmount = (amount: string) => new Money(amount).toFixed(4);
/** Full-width to half-width, case, punctuation, an INV prefix and leading zeros: "发票号：２０２６０１" = "INV-2026-01". */
const reference = (line: EngineLine) =>
  (line.docNo ?? line.reference ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^0-9a-z]/g, '')
    .replace(/^inv/, '')
    .replace(/^0+/, '');

/** Interim engine: exact reference + amount, 1:1. */
export function runEngine(input: EngineInputData): EngineOutcome {
  const pool = new Map<string, EngineLine[]>();
  for (const line of [...input.theirs].sort((a, b) => a.id.localeCompare(b.id))) {
    const key = `${reference(line)}|${canonicalAmount(line.amount)}`;
    pool.set(key, [...(pool.get(key) ?? []), line]);
  }
  const groups: EngineGroup[] = [];
  const unmatchedOurs: EngineLine[] = [];
  for (const ours of [...input.ours].sort((a, b) => a.id.localeCompare(b.id))) {
    const key = `${reference(ours)}|${canonicalAmount(ours.amount)}`;
    const theirs = reference(ours) ? pool.get(key)?.shift() : undefined;
    if (!theirs) {
      unmatchedOurs.push(ours);
      continue;
    }
    groups.push({
      key: `exact:${ours.id}:${theirs.id}`,
      rule: 'EXACT_REFERENCE',
      confidence: 1,
      residual: '0',
      evidence: `reference ${ours.docNo ?? ours.reference} = ${theirs.docNo ?? theirs.reference}, amounts equal`,
      ours: [member(ours)],
      theirs: [member(theirs)],
    });
  }
  const unmatchedTheirs = [...pool.values()].flat().sort((a, b) => a.id.localeCompare(b.id));
  const differences: EngineDifference[] = [
    ...unmatchedOurs.map((line) => ({
      key: `missing-theirs:${line.id}`,
      kind: 'MISSING_IN_THEIRS',
      amount: new Money(line.amount).negated().toFixed(),
      ourIds: [line.id],
      theirIds: [],
      explanation: `${line.docNo ?? line.reference ?? line.id} is in our ledger but not on the customer's statement`,
    })),
    ...unmatchedTheirs.map((line) => ({
      key: `missing-ours:${line.id}`,
      kind: 'MISSING_IN_OURS',
      amount: new Money(line.amount).toFixed(),
      ourIds: [],
      theirIds: [line.id],
      explanation: `${line.docNo ?? line.reference ?? line.id} is on the customer's statement but not in our ledger`,
    })),
  ];
  const openingGap = new Money(input.theirOpening).minus(input.ourOpening);
  if (!openingGap.isZero()) {
    differences.push({
      key: 'opening-balance',
      kind: 'UNEXPLAINED',
      amount: openingGap.toFixed(),
      ourIds: [],
      theirIds: [],
      explanation: 'the opening balances differ',
    });
  }
  const computed = differences.reduce((sum, d) => sum.plus(d.amount), new Money(input.ourClosing));
  const unexplained = new Money(input.theirClosing).minus(computed);
  return {
    groups,
    suggestions: [],
    differences,
    bridge: {
      ourClosing: input.ourClosing,
      theirClosing: input.theirClosing,
      lines: differences.map((d) => ({ kind: d.kind, amount: d.amount, explanation: d.explanation })),
      computedTheirClosing: computed.toFixed(),
      unexplained: unexplained.toFixed(),
      tied: unexplained.isZero(),
    },
    stats: {
      ours: input.ours.length,
      theirs: input.theirs.length,
      groups: groups.length,
      differences: differences.length,
    },
  };
}
