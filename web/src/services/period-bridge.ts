import { sumDecimals } from '../format/exact-decimal';
import type { DifferenceKind } from '../graphql/schema-types.generated';

export type { DifferenceKind };

/** One row of the balance bridge as shown: all differences of a kind, with their count and sum. */
export interface BridgeKindRow {
  kind: DifferenceKind;
  count: number;
  amount: string;
}

/**
 * The balance bridge (余额调节表): our closing balance + Σ differences = their closing balance,
 * and what is left unexplained. Amounts are the API's exact strings.
 */
export interface BalanceBridge {
  ourClosing: string;
  byKind: BridgeKindRow[];
  computedTheirClosing: string;
  theirClosing: string;
  unexplained: string;
  tied: boolean;
}

const KIND_ORDER: readonly DifferenceKind[] = [
  'MISSING_IN_OURS',
  'MISSING_IN_THEIRS',
  'AMOUNT_MISMATCH',
  'TIMING',
  'DUPLICATE',
  'TOLERANCE',
  'UNEXPLAINED',
];

const isDecimal = (value: unknown): value is string =>
  typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value);

/**
 * The bridge the matching engine stored with the period (Period.bridge, JSON), grouped by kind for
 * reading; undefined before the first match run or when it is not in the shape this app knows.
 */
export function decodeBridge(json: unknown): BalanceBridge | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const bridge = json as Record<string, unknown>;
  const { ourClosing, computedTheirClosing, theirClosing, unexplained, tied, lines } = bridge;
  if (![ourClosing, computedTheirClosing, theirClosing, unexplained].every(isDecimal)) return undefined;
  if (typeof tied !== 'boolean' || !Array.isArray(lines)) return undefined;
  const amountsByKind = new Map<DifferenceKind, string[]>();
  for (const line of lines as Array<{ kind?: unknown; amount?: unknown }>) {
    const kind = KIND_ORDER.find((known) => known === line.kind);
    if (!kind || !isDecimal(line.amount)) return undefined;
    amountsByKind.set(kind, [...(amountsByKind.get(kind) ?? []), line.amount]);
  }
  return {
    ourClosing: ourClosing as string,
    computedTheirClosing: computedTheirClosing as string,
    theirClosing: theirClosing as string,
    unexplained: unexplained as string,
    tied,
    byKind: KIND_ORDER.filter((kind) => amountsByKind.has(kind)).map((kind) => ({
      kind,
      count: amountsByKind.get(kind)!.length,
      amount: sumDecimals(amountsByKind.get(kind)!),
    })),
  };
}
