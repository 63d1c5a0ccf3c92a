import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { register } from '../../cli/commands/import';
import { createScratchDatabase, serverOptions, type ScratchDatabase } from './mysql-scratch';

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
    expect(first.out).toContain('statement: 4 lines, opening 100.00 (given), closing 888.00 (computed), ties');
    const again = await recon(
      'import',
      'statement',
      fixture('statement-gbk.csv'),
      '-c',
      'C001',
      '-t',
      template,
    );
    expect(again.out).toContain('already imported');
    const [rows] = await db.conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM statement_lines');
    expect(Number(rows[0]?.n)).toBe(4);
  });

  it('imports an ERP ledger export', async () => {
    const file = path.join(dir, 'ledger.csv');
    writeFileSync(file, '日期,单号,摘要,金额\n2026-01-05,INV-1,货款,100\n');
    const result = await recon('import', 'ledger', file, '-c', 'C001', '-s', 'SAP', '-t', template);
    expect(result).toMatchObject({ code: 0, out: 'loaded 1 new entries (0 already there), total 100' });
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
});
