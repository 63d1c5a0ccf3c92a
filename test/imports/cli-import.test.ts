import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { register } from '../../cli/commands/import';
import { createScratchDatabase, serverOptions, type ScratchDatabase } from './mysql-scratch';
import { MESSY_TEMPLATE, writeMessyGbkCsv } from './messy-fixtures';
import { userPath } from '../../cli/paths';
import { displayWidth } from '../../cli/text-width';

const fixture = (name: string): string => path.join(__dirname, '../fixtures/imports', name);

/** Runs `recon import …` in-process; returns the exit code and what was printed. */
async function recon(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command('recon').exitOverride();
  register(program);
  const out: string[] = [];
  const err: string[] = [];
  const log = jest
    .spyOn(console, 'log')
    .mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = jest
    .spyOn(console, 'error')
    .mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'recon', ...args]);
    return { code: Number(process.exitCode ?? 0), out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.exitCode = 0;
    log.mockRestore();
    error.mockRestore();
  }
}

describe('recon import', () => {
  let db: ScratchDatabase;
  let dir: string;
  let template: string;
  const savedUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    db = await createScratchDatabase('recon_import_cli');
    await db.customer('C001');
    const server = serverOptions();
    const where = server.socketPath
      ? `localhost/${db.name}?socket=${server.socketPath}`
      : `${server.host}:${server.port}/${db.name}`;
    process.env.DATABASE_URL = `mysql://${server.user}:${server.password ?? ''}@${where}`;
    dir = mkdtempSync(path.join(os.tmpdir(), 'recon-cli-'));
    template = path.join(dir, 'template.json');
    writeFileSync(
      template,
      JSON.stringify({
        columns: { date: '日期', docNo: '单号', description: '摘要' },
        amount: { column: '金额' },
      }),
    );
  });
  afterAll(async () => {
    process.env.DATABASE_URL = savedUrl;
    rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('validates a file without a database (--dry-run) and writes the rejects', async () => {
    const rejects = path.join(dir, 'rejects.csv');
    const result = await recon(
      'import',
      'statement',
      fixture('statement-one-bad-row.csv'),
      '-t',
      template,
      '--dry-run',
      '-r',
      rejects,
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain('row 5, column 金额: INVALID_AMOUNT');
    expect(readFileSync(rejects, 'utf8')).toContain('12O.00');
  });

  it('imports once, then says there is nothing to do', async () => {
    const first = await recon(
      'import',
      'statement',
      fixture('statement-gbk.csv'),
      '-c',
      'C001',
      '-t',
      template,
      '-p',
      '2026-01',
      '--opening',
      '100',
    );
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(/imported 4 lines into statement \d+: a new statement/);
    expect(first.out).toContain('period 2026-01-01 .. 2026-01-31 (as given)');
    expect(first.out).toContain(
      'statement: 4 lines, opening 100.00 (given), closing 888.00 (computed), ties',
    );
    const again = await recon(
      'import',
      'statement',
      fixture('statement-gbk.csv'),
      '-c',
      'C001',
      '-t',
      template,
    );
    expect(again.code).toBe(0);
    expect(again.out).toContain('already imported');
    expect(again.out).toContain('nothing imported again, the statement is as that import left it');
    expect(again.out).not.toContain('NOT APPLIED');
    // A corrected opening with the same bytes is not applied, and the clerk is told so (#19 point 2).
    const corrected = await recon(
      'import',
      'statement',
      fixture('statement-gbk.csv'),
      '-c',
      'C001',
      '-t',
      template,
      '--opening',
      '1,100.00',
    );
    // The command did not do what was asked: its own exit code, and the first line says so.
    expect(corrected.code).toBe(4);
    expect(corrected.out.split('\n')[0]).toMatch(
      /^already imported \(import \d+, statement \d+\): NOTHING APPLIED: the statement is as that import left it, not as asked \(exit code 4\)/,
    );
    expect(corrected.out).toContain('NOT APPLIED: opening 1,100.00 given, the statement opens at 100.00');
    const [rows] = await db.conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM statement_lines');
    expect(Number(rows[0]?.n)).toBe(4);
  });

  it('imports an ERP ledger export', async () => {
    const file = path.join(dir, 'ledger.csv');
    writeFileSync(file, '日期,单号,摘要,金额\n2026-01-05,INV-1,货款,100\n');
    const result = await recon('import', 'ledger', file, '-c', 'C001', '-s', 'SAP', '-t', template);
    expect(result).toMatchObject({ code: 0, out: 'loaded 1 new entry (0 already there), total 100' });
  });

  it('counts in the right number: a one-line statement is "1 line", not "1 lines"', async () => {
    await db.customer('C-ONE');
    const file = path.join(dir, 'one-line.csv');
    writeFileSync(file, '日期,单号,摘要,金额\n2026-03-05,INV-1,货款,100\n');
    const dry = await recon('import', 'statement', file, '-t', template, '--dry-run');
    expect(dry.out.split('\n')[0]).toMatch(/^VALID: 1 line would be imported \(CSV/);
    expect(dry.out).toContain('first 1 of 1 line as read');
    const result = await recon('import', 'statement', file, '-c', 'C-ONE', '-t', template, '--opening', '0');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^imported 1 line into statement \d+: a new statement/);
    expect(result.out).toContain('  statement: 1 line, opening 0.00 (given)');
  });

  it('saves a template and imports with it by name; refuses bad input with exit code 2', async () => {
    const saved = await recon('import', 'template', 'save', 'erp-a', template, '-c', 'C001');
    expect(saved.out).toContain('saved template "erp-a" version 1');
    expect((await recon('import', 'template', 'save', 'erp-a', template, '-c', 'C001')).out).toContain(
      'version 2',
    );
    expect(JSON.parse((await recon('import', 'template', 'show', 'erp-a', '-c', 'C001')).out)).toMatchObject({
      amount: { column: '金额' },
    });
    const rejected = await recon(
      'import',
      'statement',
      fixture('statement-one-bad-row.csv'),
      '-c',
      'C001',
      '-n',
      'erp-a',
    );
    expect(rejected.code).toBe(1);
    expect(rejected.out).toContain('rejected: nothing was written');
    const valid = await recon(
      'import',
      'statement',
      fixture('statement-one-bad-row.csv'),
      '-c',
      'C001',
      '-n',
      'erp-a',
      '-m',
      'valid',
      '--json',
    );
    expect(JSON.parse(valid.out)).toMatchObject({ status: 'IMPORTED', lineCount: 4, rejectedRowCount: 1 });
    expect((await recon('import', 'statement', 'x.csv', '-c', 'NOPE', '-t', template)).code).toBe(2);
    expect(
      (await recon('import', 'statement', 'x.csv', '-c', 'C001', '-t', template, '-m', 'some')).code,
    ).toBe(2);
  });

  it('dry run: a verdict, the balances and the first lines with sign and kind; a flipped debitIs shows', async () => {
    const messy = writeMessyGbkCsv(dir);
    const good = path.join(dir, 'messy.json');
    writeFileSync(good, JSON.stringify(MESSY_TEMPLATE));
    const result = await recon('import', 'statement', messy, '-t', good, '--dry-run');
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('VALID: 5 lines would be imported (CSV, gb18030), total 2,306.00');
    expect(result.out).toContain('period 2026-11-01 .. 2026-11-30 (the calendar month of the lines');
    expect(result.out).toContain('opening balance: 10,000.00 (row 5, 期初余额)');
    expect(result.out).toContain('closing balance: 12,306.00 (row 13, 期末余额)');
    expect(result.out).toContain('ties: opening 10,000.00 + lines 2,306.00 = closing 12,306.00');
    // A closing that opening + lines do not reach is said before anything is written (#19 point 6).
    const short = await recon(
      'import',
      'statement',
      messy,
      '-t',
      good,
      '--dry-run',
      '--closing',
      '12,406.00',
    );
    expect(short.out).toContain(
      'WARNING STATEMENT_DOES_NOT_TIE: the closing balance 12,406.00 is 100.00 away from opening 10,000.00 + lines 2,306.00',
    );
    expect(result.out).toMatch(/ 6 +2026-11-05 +记-015 +INVOICE \(by sign\) +\+6,606\.00/);
    expect(result.out).toMatch(/ 7 +2026-11-12 +记-031 +RECEIPT \(by sign\) +−3,000\.00/);
    // Columns line up in a terminal, where 记 takes two cells.
    const table = lines.filter((l) => /^ {2}(row|\d+) /.test(l));
    expect(table).toHaveLength(6);
    expect(new Set(table.map(displayWidth)).size).toBe(1);
    const kindAt = (l: string) => displayWidth(l.slice(0, l.search(/kind|INVOICE|RECEIPT/)));
    expect(new Set(table.map(kindAt)).size).toBe(1);

    const flipped = path.join(dir, 'flipped.json');
    writeFileSync(flipped, JSON.stringify({ ...MESSY_TEMPLATE, amount: { debit: '借方', credit: '贷方' } }));
    const wrong = await recon('import', 'statement', messy, '-t', flipped, '--dry-run');
    expect(wrong.out).toMatch(/ 6 +2026-11-05 +记-015 +RECEIPT \(by sign\) +−6,606\.00/);
    expect(wrong.out).toContain('WARNING SIGN_SUSPECT (row 6)');
  });

  it('imports with --opening "10,000.00" and no -p, and says which period and balances it took', async () => {
    await db.customer('C-CLI2');
    const file = path.join(dir, 'nov.csv');
    writeFileSync(file, '日期,单号,摘要,金额\n2026-11-05,INV-9,货款,"6,606.00"\n');
    const result = await recon(
      'import',
      'statement',
      file,
      '-c',
      'C-CLI2',
      '-t',
      template,
      '--opening',
      '10,000.00',
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'period 2026-11-01 .. 2026-11-30 (the calendar month of the lines; give -p to choose)',
    );
    expect(result.out).toContain('opening 10,000.00 (given), closing 16,606.00 (computed), ties');
    const again = await recon('import', 'statement', file, '-c', 'C-CLI2', '-t', template);
    expect(again.out).toMatch(/already imported .* add --replace: it replaces the statement/);
    const bad = await recon(
      'import',
      'statement',
      file,
      '-c',
      'C-CLI2',
      '-t',
      template,
      '--opening',
      '10.000,00',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--opening "10.000,00" is not an amount/);
    const backwards = await recon(
      'import',
      'statement',
      file,
      '-c',
      'C-CLI2',
      '-t',
      template,
      '--from',
      '2026-11-30',
      '--to',
      '2026-11-01',
    );
    expect(backwards).toMatchObject({ code: 2, err: '--from 2026-11-30 is after --to 2026-11-01' });
  });

  it('bad input on the command line: the option or file named, exit 2, no stack; a dry run checks --opening', async () => {
    const messy = writeMessyGbkCsv(dir);
    const good = path.join(dir, 'messy-opening.json');
    writeFileSync(good, JSON.stringify(MESSY_TEMPLATE));
    const missing = await recon('import', 'statement', path.join(dir, 'nope.csv'), '-t', good, '-c', 'C001');
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toBe(
      `cannot read ${path.join(dir, 'nope.csv')}: no such file (relative paths are from the folder you are in)`,
    );
    const folder = await recon('import', 'statement', dir, '-t', good, '--dry-run');
    expect(folder).toMatchObject({ code: 2, err: `cannot read ${dir}: it is a folder, not a file` });
    for (const dryRun of [['--dry-run'], ['-c', 'C001']]) {
      const bad = await recon('import', 'statement', messy, '-t', good, '--opening', 'abc', ...dryRun);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/^--opening "abc" is not an amount/);
      const european = await recon(
        'import',
        'statement',
        messy,
        '-t',
        good,
        '--closing',
        '10.000,00',
        ...dryRun,
      );
      expect(european.err).toMatch(/^--closing "10\.000,00" is not an amount/);
    }
    // The file opens at 10,000.00 (its 期初余额 row): a dry run with another --opening says the import would refuse it.
    const conflict = await recon(
      'import',
      'statement',
      messy,
      '-t',
      good,
      '--dry-run',
      '--opening',
      '9,000.00',
    );
    expect(conflict.code).toBe(1);
    expect(conflict.out.split('\n')[0]).toMatch(
      /^INVALID: 5 lines read .*the opening given is not the file's/,
    );
    expect(conflict.out).toContain(
      "OPENING_CONFLICT: the opening given (9,000.00) is not the file's 期初余额 (row 5: 10,000.00)",
    );
    const agrees = await recon(
      'import',
      'statement',
      messy,
      '-t',
      good,
      '--dry-run',
      '--opening',
      '￥10,000.00',
    );
    expect(agrees.code).toBe(0);
    expect(agrees.out).toContain("opening balance: 10,000.00 (given, as the file's row 5)");
  });

  it('template list and template example', async () => {
    const example = await recon('import', 'template', 'example');
    expect(JSON.parse(example.out)).toMatchObject({
      amount: { debit: '借方', credit: '贷方', debitIs: 'DECREASE' },
    });
    expect(example.err).toContain('debitIs: DECREASE');
    expect(JSON.parse((await recon('import', 'template', 'example', 'signed')).out)).toMatchObject({
      amount: { column: 'Amount' },
    });
    expect((await recon('import', 'template', 'example', 'nope')).code).toBe(2);
    const listed = await recon('import', 'template', 'list');
    expect(listed.out).toMatch(/^erp-a +C001 +v2 /m);
  });

  it('relative paths are the user’s own folder under npm run (INIT_CWD)', () => {
    const env = { npm_lifecycle_event: 'recon', INIT_CWD: '/home/clerk/statements' };
    expect(userPath('nov.xlsx', env)).toBe('/home/clerk/statements/nov.xlsx');
    expect(userPath('/tmp/x.csv', env)).toBe('/tmp/x.csv');
    expect(userPath('nov.xlsx', {})).toBe(path.resolve('nov.xlsx'));
  });
});
