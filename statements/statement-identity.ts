import type { Money } from '../money/decimal';

/** The parts of a statement that a retry with the same sourceRef must repeat exactly. */
export interface StatementContent {
  periodStart: string;
  periodEnd: string;
  currency: string;
  openingBalance: Money;
  closingBalance: Money;
  lines: ReadonlyArray<StatementLineContent>;
}

export interface StatementLineContent {
  externalId: string;
  txnDate: string;
  docNo: string | null;
  reference: string | null;
  description: string | null;
  kind: string;
  amount: Money;
  currency: string;
}

const HEADER_TEXT = ['periodStart', 'periodEnd', 'currency'] as const;
const HEADER_MONEY = ['openingBalance', 'closingBalance'] as const;
const LINE_TEXT = ['externalId', 'txnDate', 'docNo', 'reference', 'description', 'kind', 'currency'] as const;

/**
 * Where a statement sent again under a stored sourceRef differs from the stored one (e.g.
 * `closingBalance`, `lines[3].amount`, `lines` for another count), or undefined when it is the same
 * statement. An integrator's idempotency key names one statement: a different body under it is a
 * mistake to report, not a retry to answer with the old statement (#17 probe). Amounts compare as
 * decimals (`100` equals `100.00`); empty optional texts as absent.
 */
export function firstDifference(stored: StatementContent, sent: StatementContent): string | undefined {
  for (const field of HEADER_TEXT) if (stored[field] !== sent[field]) return field;
  for (const field of HEADER_MONEY) if (!stored[field].eq(sent[field])) return field;
  if (stored.lines.length !== sent.lines.length) return 'lines';
  for (let i = 0; i < sent.lines.length; i += 1) {
    const [was, now] = [stored.lines[i], sent.lines[i]];
    for (const field of LINE_TEXT)
      if ((was[field] || null) !== (now[field] || null)) return `lines[${i}].${field}`;
    if (!was.amount.eq(now.amount)) return `lines[${i}].amount`;
  }
  return undefined;
}
