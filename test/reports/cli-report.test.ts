import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { register } from '../../cli/commands/report';

async function recon(...args: string[]): Promise<{ code: number; out: string }> {
  const program = new Command('recon').exitOverride();
  register(program);
  const out: string[] = [];
  const log = jest
    .spyOn(console, 'log')
    .mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = jest
    .spyOn(console, 'error')
    .mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'recon', ...args]);
    return { code: Number(process.exitCode ?? 0), out: out.join('\n') };
  } finally {
    process.exitCode = 0;
    log.mockRestore();
    error.mockRestore();
  }
}

describe('recon report', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-report-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints example data that renders back into a file', async () => {
    const example = await recon('report', 'example', 'confirmation');
    const data = path.join(dir, 'confirmation.json');
    writeFileSync(data, example.out);
    const rendered = await recon(
      'report',
      'render',
      'confirmation',
      '-d',
      data,
      '-f',
      'csv',
      '-o',
      `${dir}/out/`,
    );
    expect(rendered.code).toBe(0);
    expect(rendered.out).toBe(path.join(dir, 'out', 'confirmation_C001_2026-01-31.csv'));
    expect(readFileSync(rendered.out, 'utf8')).toContain('人民币壹万贰仟叁佰肆拾伍元陆角柒分');
  });

  it('ages open items given instead of aged rows', async () => {
    const data = path.join(dir, 'items.json');
    writeFileSync(
      data,
      JSON.stringify({
        company: { name: '测试公司' },
        currency: 'CNY',
        asOf: '2026-03-31',
        items: [
          {
            customerCode: 'C1',
            customerName: '甲',
            docNo: 'A',
            docDate: '2026-01-01',
            dueDate: '2026-02-28',
            amount: '10',
          },
        ],
      }),
    );
    const out = path.join(dir, 'aging.csv');
    expect(
      (await recon('report', 'render', 'aging', '-d', data, '-f', 'csv', '-l', 'en', '-o', out)).code,
    ).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('C1,甲,0.00,0.00,10.00,0.00,0.00,10.00');
  });

  it('refuses unknown reports, formats and languages', async () => {
    const data = path.join(dir, 'x.json');
    writeFileSync(data, '{}');
    // A wrong command line is usage, exit 2, as in every recon command (cli/exit-codes.ts).
    expect((await recon('report', 'render', 'nope', '-d', data)).code).toBe(2);
    expect(await recon('report', 'render', 'kpi', '-d', data, '-f', 'docx')).toMatchObject({
      code: 2,
      out: expect.stringContaining('--format'),
    });
    expect(await recon('report', 'render', 'kpi', '-d', data, '-l', 'fr')).toMatchObject({
      code: 2,
      out: expect.stringContaining('--lang'),
    });
  });

  it('names a data file that is not there or not JSON (exit 2)', async () => {
    const missing = path.join(dir, 'nope.json');
    expect(await recon('report', 'render', 'statement', '-d', missing)).toEqual({
      code: 2,
      out: `cannot read ${missing}: no such file (relative paths are from the folder you are in)`,
    });
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ "company": ');
    const notJson = await recon('report', 'render', 'statement', '-d', broken);
    expect(notJson.code).toBe(2);
    expect(notJson.out).toMatch(
      new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not JSON: `),
    );
  });

  it('refuses data of the wrong shape naming row and field, exit 1 (bad input), and writes nothing', async () => {
    const example = JSON.parse((await recon('report', 'example', 'differences')).out) as {
      differences: Record<string, unknown>[];
    };
    example.differences[1].difference = 'abc';
    const data = path.join(dir, 'wrong-shape.json');
    writeFileSync(data, JSON.stringify(example));
    const out = path.join(dir, 'wrong-shape.csv');
    expect(await recon('report', 'render', 'differences', '-d', data, '-f', 'csv', '-o', out)).toEqual({
      code: 1,
      out: 'report data, differences row 2, field difference: "abc" is not an amount; write it as decimal text, e.g. "2000.00"',
    });
    expect(() => readFileSync(out)).toThrow();
  });
});
