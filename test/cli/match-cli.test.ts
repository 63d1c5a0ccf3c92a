import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReconcileResult } from '../../matching';
import type { Truth } from '../../synthetic/generate';

const RECON = path.resolve(__dirname, '../../dist/cli/recon.js');
const FIXTURES = path.resolve(__dirname, '../fixtures/matching');
const recon = (...args: string[]) =>
  spawnSync(process.execPath, [RECON, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('recon match and recon generate', () => {
  it('matches hand-written files and prints the bridge (table and JSON)', () => {
    const args = [
      'match',
      '--ledger',
      path.join(FIXTURES, 'ledger.csv'),
      '--statement',
      path.join(FIXTURES, 'statement.csv'),
    ];
    const table = recon(...args);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('NORMALIZED_REFERENCE');
    // Amounts for people: grouped and padded to the currency's decimals.
    expect(table.stdout).toMatch(/TIMING\s+5,000\.00/);
    expect(table.stdout).toContain('bridge ties to the cent');
    const json = recon(...args, '--format', 'json');
    const doc = JSON.parse(json.stdout) as ReconcileResult & { customer: string };
    expect(doc.customer).toBe('HD');
    expect(doc.groups).toHaveLength(3);
    expect(doc.differences).toEqual([
      expect.objectContaining({ kind: 'TIMING', amount: '5000', ourIds: ['O4'] }),
    ]);
    expect(doc.bridge).toMatchObject({ ourClosing: '44300', theirClosing: '49300', tied: true });
    // Each result names its currency (customers are reconciled per currency) and the period used.
    expect(Object.keys(doc).sort()).toEqual([
      'bridge',
      'currency',
      'customer',
      'differences',
      'groups',
      'outsidePeriod',
      'period',
      'stats',
      'suggestions',
    ]);
  });

  it('stops on bad input naming file, row and field', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-cli-'));
    const good = readFileSync(path.join(FIXTURES, 'ledger.csv'), 'utf8');
    const cases: Array<[string, RegExp]> = [
      [good.replace('12800.00', '12.8OO'), /ledger\.csv row 3, amount: not a decimal amount/],
      [good.replace('2026-10-15', '2026-15-10'), /ledger\.csv row 4, date: not a date/],
      [
        good.replace(
          'O4,HD,2026-10-31,PMT-88232,,收款 in transit,RECEIPT,-5000.00,CNY',
          'O4,HD,2026-10-31,PMT-88232,,x,RECEIPT,-5000.00,CNYY',
        ),
        /row 6, currency: not a currency code/,
      ],
      [
        good.replace('id,customer,date,doc_no', 'id,customer,day,doc_no'),
        /ledger\.csv row 1, date: missing column/,
      ],
    ];
    for (const [content, message] of cases) {
      writeFileSync(path.join(dir, 'ledger.csv'), content);
      const run = recon(
        'match',
        '--ledger',
        path.join(dir, 'ledger.csv'),
        '--statement',
        path.join(FIXTURES, 'statement.csv'),
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
    }
  });

  it('generates data with ground truth that the engine reconstructs', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-gen-'));
    const generated = recon('generate', '--customers', '20', '--lines', '40', '--seed', '3', '--out', dir);
    expect(generated.status).toBe(0);
    const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
    expect(new Set(truth.differences.map((d) => d.kind)).size).toBeGreaterThanOrEqual(5);
    const run = recon(
      'match',
      '--ledger',
      path.join(dir, 'ledger.csv'),
      '--statement',
      path.join(dir, 'statement.csv'),
      '--format',
      'json',
    );
    expect(run.status).toBe(0); // every bridge ties
    const { customers } = JSON.parse(run.stdout) as {
      customers: Array<ReconcileResult & { customer: string }>;
    };
    expect(customers).toHaveLength(20);
    const key = (o: string[], t: string[]) => `${[...o].sort().join('+')}|${[...t].sort().join('+')}`;
    const found = new Set(customers.flatMap((c) => c.groups.map((g) => key(g.ourIds, g.theirIds))));
    const recalled = truth.groups.filter((g) => found.has(key(g.ours, g.theirs))).length;
    expect(recalled / truth.groups.length).toBeGreaterThanOrEqual(0.99);
  });

  it('reads dates the same from a plain file (by their digits) as through the shared reader', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-cli-dates-'));
    const header = 'id,customer,date,doc_no,reference,description,kind,amount,currency';
    const ledger = [
      header,
      'O1,DT,2026-10-03,INV-1,,,INVOICE,100,CNY',
      'O2,DT, 2026-10-05 ,INV-2,,,INVOICE,200,CNY',
      'O3,DT,2026/10/07,INV-3,,,INVOICE,300,CNY',
      'O4,DT,2026-10-03,INV-4,,,INVOICE,400,CNY',
    ];
    const statement = [
      header,
      'T1,DT,2026-10-04,,INV-1,,INVOICE,100,CNY',
      'T2,DT,2026-10-05,,INV-2,,INVOICE,200,CNY',
      'T3,DT,2026-10-09,,INV-3,,INVOICE,300,CNY',
      'T4,DT,2026-10-31,,INV-4,,INVOICE,400,CNY',
    ];
    const run = (name: string, rows: string[], quoted: boolean) => {
      // A quoted cell (read as the same text) sends the file through the shared reader.
      const text = quoted ? rows.map((r) => r.replace(',DT,', ',"DT",')) : rows;
      writeFileSync(path.join(dir, name), `${text.join('\n')}\n`);
      return path.join(dir, name);
    };
    const out = (quoted: boolean, ledgerRows = ledger) =>
      recon(
        'match',
        '--ledger',
        run(`ledger-${quoted}.csv`, ledgerRows, quoted),
        '--statement',
        run(`statement-${quoted}.csv`, statement, quoted),
        '--format',
        'json',
      );
    const plain = out(false);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toBe(out(true).stdout);
    expect(JSON.parse(plain.stdout).period).toMatchObject({ start: '2026-10-03', end: '2026-10-31' });
    // A date shaped yyyy-mm-dd that is no date is refused on its row, either way.
    const bad = [...ledger, 'O5,DT,2026-02-30,INV-5,,,INVOICE,500,CNY'];
    for (const quoted of [false, true])
      expect(out(quoted, bad).stderr).toMatch(/ledger-(true|false)\.csv row 6, date: not a date/);
  });
});
