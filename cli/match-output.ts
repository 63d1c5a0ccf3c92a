import { once } from 'node:events';
import { createWriteStream, fstatSync } from 'node:fs';
import { agreeing, counted } from '../common/counted';
import { formatAmount, fromUnits, toUnits } from '../formats/amount';
import { currencyDecimals } from '../formats/currency';
import type { ReconcileResult } from '../matching';
import { JsonBytes } from './json-bytes';
import { describeDateOrder, type DateOrderNote } from './match-dates';
import type { PeriodSource } from './match-files';

/** One customer's result in one currency. */
export interface MatchDocument {
  customer: string;
  currency: string;
  result: ReconcileResult;
}

export interface OutputContext {
  period: {
    start: string;
    end: string;
    source: { start: PeriodSource; end: PeriodSource };
    dates?: DateOrderNote[];
  };
  rates: Map<string, string>;
  baseCurrency: string;
  progress: boolean;
  customers: number;
}

/**
 * A document as the output needs it, rendered where it was matched (a matching thread sends this,
 * not the result): its text in the format, what the totals count, and whether its bridge ties.
 */
export interface RenderedDocument {
  /**
   * JSON: `{"customer":…,"currency":…`, and the result's own text after its opening brace
   * (`"groups":…}`); the writer puts the period and a comma between (see joinsRest).
   */
  head: string;
  /** UTF-8 bytes (see RenderArena; text is written as UTF-8 as well). */
  rest: string | Uint8Array;
  /** The table format's block, the same way. */
  table: string | Uint8Array;
  totals: TotalsEntry;
  tied: boolean;
}

/** What the totals (--summary, the table's last lines) take from one document. */
export interface TotalsEntry {
  customer: string;
  currency: string;
  ourLines: number;
  theirLines: number;
  groups: number;
  suggestions: number;
  differences: Array<[kind: string, amount: string]>;
  tied: boolean;
  unexplained: string;
  ourClosing: string;
  theirClosing: string;
}

/**
 * Renders one document for `format` (text only when it will be printed), for a matching thread:
 * its bytes stay valid until the thread's next encodeRendered, which copies them.
 */
export function renderDocument(
  document: MatchDocument,
  format: 'json' | 'ndjson' | 'table',
  summary: boolean,
): RenderedDocument {
  const { result } = document;
  let head = '';
  let rest: Uint8Array = NOTHING;
  let table_: Uint8Array = NOTHING;
  if (!summary && format === 'table') table_ = arena.text(table(document));
  else if (!summary) {
    head = headOf(document);
    rest = arena.json(result).subarray(1);
  }
  return { head, rest, table: table_, tied: result.bridge.tied, totals: totalsOf(document) };
}

/**
 * The same text as JSON.stringify({ customer, currency, period?, ...result }) starts with, without
 * copying every result into a new object first: the result's own text follows with these put in front.
 */
const headOf = ({ customer, currency }: MatchDocument) =>
  `{"customer":${JSON.stringify(customer)},"currency":${JSON.stringify(currency)}`;

function totalsOf({ customer, currency, result }: MatchDocument): TotalsEntry {
  const { bridge, stats } = result;
  return {
    customer,
    currency,
    ourLines: stats.ourLines ?? 0,
    theirLines: stats.theirLines ?? 0,
    groups: result.groups.length,
    suggestions: result.suggestions.length,
    differences: result.differences.map((d) => [d.kind, d.amount]),
    tied: bridge.tied,
    unexplained: bridge.unexplained,
    ourClosing: bridge.ourClosing,
    theirClosing: bridge.theirClosing,
  };
}

const NOTHING = new Uint8Array(0);

/**
 * Where a matching thread renders its documents, as UTF-8 (see json-bytes.ts): each is a view of
 * one buffer, written from its start again once encodeRendered has copied what it holds (a new
 * buffer for each batch was ~150 MB a thread for the collector to account and free).
 */
class RenderArena {
  private into = new JsonBytes(1 << 20);

  json(value: unknown): Uint8Array {
    const start = this.into.at;
    this.into.json(value);
    return this.into.bytes.subarray(start, this.into.at);
  }

  text(text: string): Uint8Array {
    const start = this.into.at;
    this.into.text(text);
    return this.into.bytes.subarray(start, this.into.at);
  }

  /** Everything rendered has been copied: the buffer is written from its start again. */
  release(): void {
    this.into.at = 0;
  }
}

/** One per thread. */
const arena = new RenderArena();

/**
 * The documents with their bytes in one buffer of their own, which a matching thread hands over
 * (transfers) without a copy (the arena's buffer stays with the thread: a buffer made in one
 * thread and freed in another was kept by the allocator). Releases the arena.
 */
export function encodeRendered(documents: RenderedDocument[]): {
  documents: RenderedDocument[];
  buffer: ArrayBuffer;
} {
  const bytesOf = (text: string | Uint8Array) => (typeof text === 'string' ? Buffer.from(text) : text);
  const parts = documents.flatMap((d) => [bytesOf(d.rest), bytesOf(d.table)]);
  const bytes = Buffer.allocUnsafeSlow(parts.reduce((n, part) => n + part.byteLength, 0));
  const views: Uint8Array[] = [];
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    views.push(bytes.subarray(at, (at += part.byteLength)));
  }
  arena.release();
  const encoded = documents.map((d, k) => ({ ...d, rest: views[2 * k], table: views[2 * k + 1] }));
  return { documents: encoded, buffer: bytes.buffer };
}

export interface MatchOutput {
  write(document: MatchDocument): Promise<void>;
  writeRendered(document: RenderedDocument): Promise<void>;
  customerDone(): void;
  end(): Promise<void>;
}

/** Writes to stdout in large pieces and waits when the reader is slower (memory stays bounded). */
export class StreamWriter {
  private pending = new JsonBytes(Buffer.allocUnsafeSlow(2 * CHUNK_BYTES));
  /** Buffers the stream has written: the next pieces are gathered in them. */
  private spare: Buffer[] = [];
  constructor(private readonly stream: NodeJS.WritableStream = stdoutStream()) {}

  async write(text: string | Uint8Array): Promise<void> {
    if (typeof text === 'string') this.pending.text(text);
    else this.pending.raw(text);
    if (this.pending.at >= CHUNK_BYTES) await this.flush();
  }

  /**
   * An object's JSON after its opening brace, with a comma before it unless it is empty (`}`):
   * what follows the fields put in front of it (see headOf), written as it is rendered.
   */
  async fieldsOf(value: object): Promise<void> {
    const pending = this.pending;
    const brace = pending.at;
    pending.json(value);
    const { bytes } = pending; // (after: it may have grown)
    if (bytes[brace + 1] === 0x7d) {
      bytes[brace] = 0x7d; // {} is }
      pending.at = brace + 1;
    } else bytes[brace] = 0x2c; // {"… is ,"…
    if (pending.at >= CHUNK_BYTES) await this.flush();
  }

  /** Hands the pending bytes to the stream, which holds them until written. */
  async flush(): Promise<void> {
    if (this.pending.at === 0) return;
    const { bytes } = this.pending;
    const chunk = bytes.subarray(0, this.pending.at);
    this.pending = new JsonBytes(this.spare.pop() ?? Buffer.allocUnsafeSlow(2 * CHUNK_BYTES));
    const written = () => this.spare.push(bytes);
    if (!this.stream.write(chunk, written))
      await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }

  /** Everything written has reached the stream's destination. */
  async close(): Promise<void> {
    await this.flush();
    if (this.stream === process.stdout) return;
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** What the writer gathers before it writes. */
const CHUNK_BYTES = 1 << 16;

/**
 * Stdout redirected to a file is written synchronously by Node, on the thread that matches: an
 * fs stream on the same descriptor writes from libuv's thread pool instead, while matching goes on
 * (up to 16 MB ahead; the descriptor stays open). A pipe or a terminal keeps process.stdout.
 */
function stdoutStream(): NodeJS.WritableStream {
  try {
    if (!fstatSync(1).isFile()) return process.stdout;
  } catch {
    return process.stdout;
  }
  return createWriteStream('', { fd: 1, autoClose: false, highWaterMark: 1 << 24 });
}

const periodNote = (ctx: OutputContext) => {
  const { start, end, source } = ctx.period;
  const from =
    source.start === source.end
      ? `from the ${source.start}`
      : `start from the ${source.start}, end from the ${source.end}`;
  const dates = (ctx.period.dates ?? []).map((note) => `\n${describeDateOrder(note)}`).join('');
  return `period ${start} – ${end} (${from})${dates}`;
};

/** The period as JSON: with how each file's dates were read when any read either way. */
const periodOf = ({ period }: OutputContext) => ({
  start: period.start,
  end: period.end,
  source: period.source,
  ...(period.dates && { dates: period.dates }),
});

/** A document matched on this thread (rendered as it is written), or rendered by a matching thread. */
type Printable = MatchDocument | RenderedDocument;

/** The output of `recon match` in its format: every document as it comes, or the totals (--summary). */
export function createOutput(
  format: 'json' | 'ndjson' | 'table',
  summary: boolean,
  ctx: OutputContext,
): MatchOutput {
  const out = new StreamWriter();
  const progress = ctx.progress ? new ProgressBar(ctx.customers) : undefined;
  const totals = new Totals();
  const periodJson = periodOf(ctx);
  let first: Printable | undefined;
  let count = 0;
  const periodText = JSON.stringify(periodJson);
  /** The document's JSON, with the period after the customer and currency when asked for. */
  const writeJson = async (d: Printable, withPeriod: boolean, before = '', after = '') => {
    const period = withPeriod ? `,"period":${periodText}` : '';
    if ('result' in d) {
      await out.write(`${before}${headOf(d)}${period}`);
      await out.fieldsOf(d.result);
    } else {
      await out.write(`${before}${d.head}${period}${joinsRest(d.rest) ? ',' : ''}`);
      await out.write(d.rest);
    }
    if (after) await out.write(after);
  };
  const writeDocument = async (document: Printable, entry: TotalsEntry) => {
    totals.add(entry);
    count += 1;
    if (summary) return;
    if (format === 'ndjson') return writeJson(document, true, '', '\n');
    if (format === 'table') {
      if (count === 1) await out.write(`${periodNote(ctx)}\n\n`);
      await out.write('result' in document ? table(document) : document.table);
      return out.write('\n\n');
    }
    // One document alone is printed as it is; several are listed under the period.
    if (count === 1) {
      first = document;
      return;
    }
    if (count === 2) await writeJson(first!, false, `{"period":${periodText},"customers":[\n`);
    first = undefined;
    await writeJson(document, false, ',\n');
  };
  return {
    write: (document) => writeDocument(document, totalsOf(document)),
    writeRendered: (document) => writeDocument(document, document.totals),
    customerDone() {
      progress?.tick();
    },
    async end() {
      progress?.done();
      if (summary) {
        const totalsDoc = totals.summary(ctx);
        if (format === 'table') await out.write(`${periodNote(ctx)}\n${totals.table(ctx)}\n`);
        else await out.write(`${JSON.stringify(totalsDoc, null, format === 'json' ? 2 : undefined)}\n`);
      } else if (format === 'json') {
        if (count === 0) await out.write(`{"period":${JSON.stringify(periodJson)},"customers":[]}\n`);
        else if (count === 1) await writeJson(first!, true, '', '\n');
        else await out.write('\n]}\n');
      } else if (format === 'table') {
        await out.write(`${totals.table(ctx)}\n`);
      }
      await out.close();
    },
  };
}

/** A result's text after its brace needs a comma before it unless the result was empty (`}`). */
const joinsRest = (rest: string | Uint8Array) =>
  (typeof rest === 'string' ? rest.charCodeAt(0) : rest[0]) !== 0x7d;

function table({ customer, currency, result }: MatchDocument): string {
  const { bridge } = result;
  const money = (amount: string) => formatAmount(amount, currencyDecimals(currency)).padStart(18);
  const rows = [
    `■ ${customer} (${currency}): ${counted(result.groups.length, 'group')}, ${counted(result.suggestions.length, 'suggestion')}, ${counted(result.differences.length, 'difference')}`,
    ...result.groups.map(
      (g) => `  ✓ ${g.rule.padEnd(21)} ${g.ourIds.join('+')} ⇄ ${g.theirIds.join('+')}  ${g.evidence}`,
    ),
    ...result.suggestions.map(
      (s) =>
        `  ? ${s.rule.padEnd(21)} ${s.ourIds.join('+')} ⇄ ${s.theirIds.join('+')}  (${s.confidence}) ${s.evidence}`,
    ),
    `  our closing balance        ${money(bridge.ourClosing)}`,
    ...bridge.lines.map((l) => `  ${l.kind.padEnd(26)} ${money(l.amount)}  ${l.explanation}`),
    `  their closing balance      ${money(bridge.theirClosing)}`,
    `  ${bridge.tied ? 'bridge ties to the cent' : `bridge does NOT tie: unexplained ${formatAmount(bridge.unexplained, currencyDecimals(currency))}`}`,
  ];
  return rows.join('\n');
}

/** Totals across customers, per currency (amounts are never added across currencies). */
class Totals {
  private customers = new Set<string>();
  private documents = 0;
  private tied = 0;
  private counts = { ourLines: 0, theirLines: 0, groups: 0, suggestions: 0, differences: 0 };
  private byCurrency = new Map<
    string,
    {
      differences: Map<string, { count: number; units: bigint }>;
      unexplained: bigint;
      ourClosing: bigint;
      theirClosing: bigint;
    }
  >();

  add(entry: TotalsEntry): void {
    const { customer, currency } = entry;
    this.customers.add(customer);
    this.documents += 1;
    if (entry.tied) this.tied += 1;
    this.counts.ourLines += entry.ourLines;
    this.counts.theirLines += entry.theirLines;
    this.counts.groups += entry.groups;
    this.counts.suggestions += entry.suggestions;
    this.counts.differences += entry.differences.length;
    let c = this.byCurrency.get(currency);
    if (!c)
      this.byCurrency.set(
        currency,
        (c = { differences: new Map(), unexplained: 0n, ourClosing: 0n, theirClosing: 0n }),
      );
    for (const [kind, amount] of entry.differences) {
      const k = c.differences.get(kind) ?? { count: 0, units: 0n };
      k.count += 1;
      k.units += toUnits(amount);
      c.differences.set(kind, k);
    }
    c.unexplained += toUnits(entry.unexplained);
    c.ourClosing += toUnits(entry.ourClosing);
    c.theirClosing += toUnits(entry.theirClosing);
  }

  summary(ctx: OutputContext) {
    const currencies = [...this.byCurrency.keys()].sort();
    const converted = this.converted(ctx);
    return {
      summary: true,
      period: periodOf(ctx),
      customers: this.customers.size,
      results: this.documents,
      tiedBridges: this.tied,
      untiedBridges: this.documents - this.tied,
      ...this.counts,
      currencies: Object.fromEntries(
        currencies.map((code) => {
          const c = this.byCurrency.get(code)!;
          return [
            code,
            {
              ourClosing: fromUnits(c.ourClosing),
              theirClosing: fromUnits(c.theirClosing),
              unexplained: fromUnits(c.unexplained),
              differences: Object.fromEntries(
                [...c.differences]
                  .sort(([a], [b]) => (a < b ? -1 : 1))
                  .map(([kind, v]) => [kind, { count: v.count, amount: fromUnits(v.units) }]),
              ),
            },
          ];
        }),
      ),
      ...(converted ? { converted } : {}),
    };
  }

  /** With exchange rates: every currency's totals in the base currency (only here; matching never converts). */
  private converted(ctx: OutputContext) {
    if (ctx.rates.size === 0) return undefined;
    const missing = [...this.byCurrency.keys()].filter((c) => c !== ctx.baseCurrency && !ctx.rates.has(c));
    let ourClosing = 0n;
    let theirClosing = 0n;
    let unexplained = 0n;
    const rateUnits = (code: string) => (code === ctx.baseCurrency ? 10_000n : toUnits(ctx.rates.get(code)!));
    for (const [code, c] of this.byCurrency) {
      if (missing.includes(code)) continue;
      const r = rateUnits(code);
      // units × rate units / 10,000, rounded half away from zero to a unit: exact to 1/10,000.
      const convert = (v: bigint) => {
        const p = v * r;
        const q = p / 10_000n;
        const rem = p % 10_000n;
        return rem * 2n >= 10_000n ? q + 1n : rem * 2n <= -10_000n ? q - 1n : q;
      };
      ourClosing += convert(c.ourClosing);
      theirClosing += convert(c.theirClosing);
      unexplained += convert(c.unexplained);
    }
    return {
      currency: ctx.baseCurrency,
      rates: Object.fromEntries(ctx.rates),
      ourClosing: fromUnits(ourClosing),
      theirClosing: fromUnits(theirClosing),
      unexplained: fromUnits(unexplained),
      ...(missing.length ? { leftOut: missing } : {}),
    };
  }

  table(ctx: OutputContext): string {
    const s = this.summary(ctx);
    const rows = [
      `TOTAL ${counted(s.customers, 'customer')}, ${counted(s.results, 'result')}: ${s.tiedBridges} ${agreeing(s.tiedBridges, 'bridge ties', 'bridges tie')}, ${s.untiedBridges} ${agreeing(s.untiedBridges, 'does', 'do')} not; ${s.ourLines} + ${s.theirLines} lines, ${counted(s.groups, 'group')}, ${counted(s.suggestions, 'suggestion')}, ${counted(s.differences, 'difference')}`,
    ];
    for (const [code, c] of Object.entries(s.currencies)) {
      const money = (a: string) => formatAmount(a, currencyDecimals(code));
      rows.push(
        `  ${code}: our closing ${money(c.ourClosing)}, their closing ${money(c.theirClosing)}, unexplained ${money(c.unexplained)}`,
      );
      for (const [kind, v] of Object.entries(c.differences))
        rows.push(`    ${kind.padEnd(20)} ${String(v.count).padStart(8)} ${money(v.amount).padStart(20)}`);
    }
    if (s.converted) {
      const money = (a: string) => formatAmount(a, currencyDecimals(s.converted!.currency));
      rows.push(
        `  converted to ${s.converted.currency}: our closing ${money(s.converted.ourClosing)}, their closing ${money(s.converted.theirClosing)}, unexplained ${money(s.converted.unexplained)}${s.converted.leftOut ? ` (no rate for ${s.converted.leftOut.join(', ')}: left out)` : ''}`,
      );
    }
    return rows.join('\n');
  }
}

/** A progress bar on stderr (only when it is a terminal), redrawn at most ten times a second. */
class ProgressBar {
  private done_ = 0;
  private last = 0;
  constructor(private readonly total: number) {}
  tick(): void {
    this.done_ += 1;
    const now = Date.now();
    if (now - this.last < 100 && this.done_ < this.total) return;
    this.last = now;
    const width = 30;
    const filled = this.total ? Math.round((this.done_ / this.total) * width) : width;
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done_}/${this.total} customers`,
    );
  }
  done(): void {
    process.stderr.write('\n');
  }
}
