/**
 * `npm run bench -- import [--lines N] [--method insert]`: imports an N-line (default 1,000,000) customer statement CSV
 * into MariaDB through importStatementFile (validation + LOAD DATA LOCAL INFILE, one transaction).
 * The CSV is generated (and cached) in bench-data/ before the clock starts. Last line: one JSON object.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { importStatementFile } from '../imports/bulk-load';
import type { BulkMethod } from '../imports/load-stream';
import { numberArg, printResult, stringArg } from './_cli';
import { createScratchDatabase } from './_scratch-db';

export interface ImportBenchOptions {
  readonly lines?: number;
  /** Where the generated CSV is kept between runs; default bench-data/ in the working directory. */
  readonly dataDir?: string;
  /** Default LOAD DATA (with its fallback); INSERT measures the fallback on its own. */
  readonly method?: BulkMethod;
  readonly log?: (message: string) => void;
}

export interface ImportBenchResult {
  readonly bench: 'import';
  readonly lines: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly fileBytes: number;
  readonly total: string;
  readonly method: BulkMethod;
}

const DESCRIPTIONS = ['销售货款', '收到货款, 谢谢', '运费', '退货折让', 'Service fee', '"加急"服务费'];

/** A customer's export: Chinese header, grouped amounts in quotes, parentheses for negatives. */
export async function generateStatementCsv(file: string, lines: number): Promise<void> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  out.write('日期,单号,参考号,摘要,金额\r\n');
  let chunk = '';
  for (let i = 1; i <= lines; i += 1) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const cents = (i * 7919) % 10_000_000;
    const amount = `${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`;
    const signed = i % 5 === 0 ? `(${amount})` : amount;
    const description = DESCRIPTIONS[i % DESCRIPTIONS.length] ?? '';
    const quoted = /[",]/.test(description) ? `"${description.replace(/"/g, '""')}"` : description;
    chunk += `2026-01-${day},INV-${i},PO${i * 3},${quoted},"${signed}"\r\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  renameSync(partial, file);
}

export async function runImportBench(options: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const lines = options.lines ?? 1_000_000;
  const log = options.log ?? ((message: string) => console.log(message));
  const dataDir = options.dataDir ?? path.resolve('bench-data');
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, `import-statement-${lines}.csv`);
  if (!existsSync(file)) {
    log(`generating ${file}`);
    await generateStatementCsv(file, lines);
  }
  const fileBytes = statSync(file).size;

  const db = await createScratchDatabase('recon_import_bench');
  try {
    const customerId = await db.customer('BENCH');
    log(`importing ${lines} lines (${(fileBytes / 1e6).toFixed(1)} MB) into ${db.name}`);
    const started = process.hrtime.bigint();
    const result = await importStatementFile(db.conn, {
      customerId,
      file: { path: file },
      template: {
        columns: { date: '日期', docNo: '单号', reference: '参考号', description: '摘要' },
        amount: { column: '金额' },
      },
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      bulkMethod: options.method,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 'IMPORTED' || result.lineCount !== lines) {
      throw new Error(`import did not take every line: ${JSON.stringify(result).slice(0, 500)}`);
    }
    log(`imported ${result.lineCount} lines, total ${result.total}, in ${seconds.toFixed(2)} s`);
    const rounded = Number(seconds.toFixed(3));
    return {
      bench: 'import',
      lines,
      seconds: rounded,
      rowsPerSecond: Math.round(lines / rounded),
      fileBytes,
      total: result.total,
      method: result.bulkMethod,
    };
  } finally {
    await db.drop();
  }
}

if (require.main === module) {
  const lines = numberArg('lines', 1_000_000);
  const method = stringArg('method')?.toUpperCase() === 'INSERT' ? 'INSERT' : undefined;
  printResult(runImportBench({ lines, method }));
}
