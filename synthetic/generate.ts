import { fromUnits } from '../matching/units';
import { prng } from './prng';

/** One CSV row: columns id,customer,date,doc_no,reference,description,kind,amount,currency. */
export interface SyntheticRow {
  id: string;
  customer: string;
  date: string;
  doc_no: string;
  reference: string;
  description: string;
  kind: string;
  amount: string;
  currency: string;
}

export interface TruthDifference {
  customer: string;
  kind: 'MISSING_IN_OURS' | 'MISSING_IN_THEIRS' | 'AMOUNT_MISMATCH' | 'TIMING' | 'DUPLICATE' | 'TOLERANCE';
  ours: string[];
  theirs: string[];
}

export interface Truth {
  seed: number;
  month: string;
  /** Lines that belong together (the groups an engine should find). */
  groups: Array<{ customer: string; ours: string[]; theirs: string[]; scenario: string }>;
  differences: TruthDifference[];
}

export interface CustomerBalances {
  ourOpening: string;
  ourClosing: string;
  theirOpening: string;
  theirClosing: string;
}

export interface Generated {
  ledger: SyntheticRow[];
  statement: SyntheticRow[];
  balances: Map<string, CustomerBalances>;
  truth: Truth;
}

export interface GenerateOptions {
  customers: number;
  /** About this many of our ledger lines per customer. */
  linesPerCustomer: number;
  seed: number;
  /** Number the customers from here (to generate one large set in slices); 0 by default. */
  firstCustomer?: number;
  /** YYYY-MM; October 2026 by default. */
  month?: string;
}

const fullWidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** How the customer writes our document number: as is, lower-case with spaces, with a Chinese prefix in full-width digits, … */
function theirReference(ours: string, digits: string, pick: number): string {
  switch (pick % 6) {
    case 0:
      return ours;
    case 1:
      return ours.toLowerCase().replace(/-/g, ' ');
    case 2:
      return `发票号：${fullWidth(digits)}`;
    case 3:
      return `No.${digits}`;
    case 4:
      return ours.replace(/-/g, '');
    default:
      return `单号 ${digits}`;
  }
}

/**
 * A realistic receivables month for N customers with ground truth: mostly clean pairs written the
 * customer's way, plus planted split payments, bank fees, missing items, amount errors, timing items
 * and duplicates, each recorded in truth.json.
 */
export function generate(options: GenerateOptions): Generated {
  const random = prng(options.seed);
  const month = options.month ?? '2026-10';
  const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const date = (day: number) => `${month}-${String(Math.min(Math.max(day, 1), lastDay)).padStart(2, '0')}`;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const units = () => BigInt(int(100, 9_999_999)) * 100n + BigInt(int(0, 99)) * 100n; // 1.00 – 99,999.99, two decimals
  const ledger: SyntheticRow[] = [];
  const statement: SyntheticRow[] = [];
  const balances = new Map<string, CustomerBalances>();
  const truth: Truth = { seed: options.seed, month, groups: [], differences: [] };

  const first = options.firstCustomer ?? 0;
  for (let c = first; c < first + options.customers; c += 1) {
    const customer = `C${String(c + 1).padStart(6, '0')}`;
    const currency = c % 10 === 9 ? 'USD' : 'CNY';
    let ourTotal = 0n;
    let theirTotal = 0n;
    let seq = 0;
    let doc = 0;
    let ourCount = 0;
    const ours = (
      day: number,
      docNo: string,
      reference: string,
      kind: string,
      amount: bigint,
      description = '',
    ) => {
      const row = {
        id: `${customer}-O${++seq}`,
        customer,
        date: date(day),
        doc_no: docNo,
        reference,
        description,
        kind,
        amount: fromUnits(amount),
        currency,
      };
      ledger.push(row);
      ourTotal += amount;
      ourCount += 1;
      return row.id;
    };
    const theirs = (day: number, reference: string, kind: string, amount: bigint, description = '') => {
      const row = {
        id: `${customer}-T${++seq}`,
        customer,
        date: date(day),
        doc_no: '',
        reference,
        description,
        kind,
        amount: fromUnits(amount),
        currency,
      };
      statement.push(row);
      theirTotal += amount;
      return row.id;
    };
    const group = (o: string[], t: string[], scenario: string) =>
      truth.groups.push({ customer, ours: o, theirs: t, scenario });
    const plant = (kind: TruthDifference['kind'], o: string[], t: string[]) =>
      truth.differences.push({ customer, kind, ours: o, theirs: t });

    while (ourCount < options.linesPerCustomer) {
      doc += 1;
      const digits = `${month.replace('-', '')}${String(c).padStart(5, '0')}${String(doc).padStart(4, '0')}`;
      const invoice = `INV-${digits.slice(0, 6)}-${digits.slice(6)}`;
      const day = int(1, lastDay - 4);
      const roll = random();
      if (roll < 0.04) {
        // One payment of ours, split over several on their side under the same payment reference.
        const parts = Array.from({ length: int(2, 3) }, () => units());
        const total = parts.reduce((a, b) => a + b, 0n);
        const payment = `PMT-${digits}`;
        const o = ours(day, payment, payment, 'RECEIPT', -total, 'payment received');
        const t = parts.map((p) => theirs(day, `付款 ${payment}`, 'RECEIPT', -p, 'payment'));
        group([o], t, 'split-payment');
      } else if (roll < 0.06) {
        // We received the payment less a bank fee; they booked the full amount.
        const amount = units() + 1_000_000n;
        const fee = BigInt(int(5, 30)) * 10_000n;
        const o = ours(day, `RCPT-${digits}`, invoice, 'RECEIPT', -(amount - fee), 'wire received');
        const t = theirs(day, invoice, 'RECEIPT', -amount, 'payment');
        group([o], [t], 'bank-fee');
        plant('TOLERANCE', [o], [t]);
      } else if (roll < 0.08) {
        plant('MISSING_IN_THEIRS', [ours(day, invoice, invoice, 'INVOICE', units())], []);
      } else if (roll < 0.09) {
        plant('MISSING_IN_OURS', [], [theirs(day, `CN-${digits}`, 'CREDIT_NOTE', -units(), 'credit note')]);
      } else if (roll < 0.11) {
        // An amount error beyond any tolerance (a tolerated gap is a TOLERANCE line, not an error).
        const amount = units();
        const o = ours(day, invoice, invoice, 'INVOICE', amount);
        const t = theirs(
          day,
          theirReference(invoice, digits, doc),
          'INVOICE',
          amount + (amount / 20n / 100n) * 100n + BigInt(int(1, 9)) * 1_000_000n,
        );
        plant('AMOUNT_MISMATCH', [o], [t]);
      } else if (roll < 0.12) {
        plant(
          'TIMING',
          [
            ours(
              int(lastDay - 1, lastDay),
              `PMT-${digits}`,
              `PMT-${digits}`,
              'RECEIPT',
              -units(),
              'payment in transit',
            ),
          ],
          [],
        );
      } else if (roll < 0.13) {
        const amount = units();
        const o = ours(day, invoice, invoice, 'INVOICE', amount);
        const t1 = theirs(day, invoice, 'INVOICE', amount);
        const t2 = theirs(day, invoice, 'INVOICE', amount);
        group([o], [t1], 'duplicate-original');
        plant('DUPLICATE', [], [t2]);
      } else {
        const amount = roll < 0.8 ? units() : -units();
        const kind = amount > 0n ? 'INVOICE' : roll < 0.9 ? 'RECEIPT' : 'CREDIT_NOTE';
        const o = ours(day, invoice, invoice, kind, amount);
        const t = theirs(
          Math.min(day + int(0, 2), lastDay - 4),
          theirReference(invoice, digits, doc),
          kind,
          amount,
        );
        group([o], [t], 'clean');
      }
    }
    const opening = BigInt(int(0, 500_000)) * 10_000n;
    balances.set(customer, {
      ourOpening: fromUnits(opening),
      ourClosing: fromUnits(opening + ourTotal),
      theirOpening: fromUnits(opening),
      theirClosing: fromUnits(opening + theirTotal),
    });
  }
  return { ledger, statement, balances, truth };
}
