import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { MAX_DIRECTORY_BYTES, zipEntries, zipEntriesOfFile } from '../../imports/zip-entries';

/**
 * An upload's .xlsx is sized from its ZIP directory on the API thread, from the file on disk (only
 * its tail and directory are read). A directory larger than any workbook's is refused unread.
 */
describe('ZIP directories', () => {
  let dir: string;
  let workbook: Buffer;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'recon-zip-'));
    const book = new ExcelJS.Workbook();
    book.addWorksheet('对账单').addRow(['日期', '金额']);
    workbook = Buffer.from(await book.xlsx.writeBuffer());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const onDisk = (bytes: Buffer, name: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return zipEntriesOfFile(file);
  };
  /** The end-of-directory record (the last 22 bytes: the workbook has no comment), patched. */
  const patched = (patch: (bytes: Buffer, end: number) => void) => {
    const copy = Buffer.from(workbook);
    patch(copy, copy.length - 22);
    return copy;
  };

  it('reads the same entries from a file as from memory', async () => {
    const entries = zipEntries(workbook)!;
    expect(entries.map((entry) => entry.name)).toContain('xl/workbook.xml');
    expect(await onDisk(workbook, 'book.xlsx')).toEqual(entries);
  });

  it('refuses a directory that claims more than a workbook ever has', async () => {
    const huge = patched((bytes, end) => bytes.writeUInt32LE(MAX_DIRECTORY_BYTES + 1, end + 12));
    expect(zipEntries(huge)).toBeUndefined();
    expect(await onDisk(huge, 'huge.xlsx')).toBeUndefined();
    const many = patched((bytes, end) => bytes.writeUInt16LE(60_000, end + 10));
    expect(zipEntries(many)).toBeUndefined();
    expect(await onDisk(many, 'many.xlsx')).toBeUndefined();
    expect(await onDisk(Buffer.from('not a zip at all'), 'text.xlsx')).toBeUndefined();
  });
});
