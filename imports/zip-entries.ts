import { open } from 'node:fs/promises';

/** One file inside a ZIP archive, as its central directory declares it. */
export interface ZipEntry {
  readonly name: string;
  readonly compressedBytes: number;
  /** What the entry inflates to, as declared; ZIP64 entries (over 4 GiB, or not said) are Infinity. */
  readonly uncompressedBytes: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const ZIP64_MARKER = 0xffffffff;
/** The end-of-directory record is in the last 22 + 65,535 (comment) bytes. */
const TAIL_BYTES = 22 + 0xffff;
/**
 * A workbook's directory lists a few dozen parts in a few KiB. One that claims more is no statement,
 * and reading it would hold the API thread (this runs before the parse thread): refused as unreadable.
 */
export const MAX_DIRECTORY_BYTES = 1 << 20;
export const MAX_DIRECTORY_ENTRIES = 10_000;

/**
 * The entries of a ZIP archive (an .xlsx is one) read from its central directory, without inflating
 * anything: what a workbook would take once decompressed is known before a parser touches it.
 * Undefined when the archive's directory cannot be found or read.
 */
export function zipEntries(zip: Buffer): ZipEntry[] | undefined {
  const end = endOfDirectory(zip);
  if (!end) return undefined;
  return readDirectory(zip, end.offset, end.count);
}

/** The same, from a file on disk: only its tail and its directory are read, never the whole file. */
export async function zipEntriesOfFile(file: string): Promise<ZipEntry[] | undefined> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailStart = Math.max(0, size - TAIL_BYTES);
    const tail = Buffer.alloc(size - tailStart);
    await handle.read(tail, 0, tail.length, tailStart);
    const end = endOfDirectory(tail);
    if (!end || end.offset + end.size > size) return undefined;
    const directory = Buffer.alloc(end.size);
    await handle.read(directory, 0, end.size, end.offset);
    return readDirectory(directory, 0, end.count);
  } finally {
    await handle.close();
  }
}

/** Where the central directory is (offset in the archive), its size and entry count. */
function endOfDirectory(bytes: Buffer): { offset: number; size: number; count: number } | undefined {
  const floor = Math.max(0, bytes.length - TAIL_BYTES);
  for (let at = bytes.length - 22; at >= floor; at -= 1) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) {
      const end = {
        count: bytes.readUInt16LE(at + 10),
        size: bytes.readUInt32LE(at + 12),
        offset: bytes.readUInt32LE(at + 16),
      };
      return end.size > MAX_DIRECTORY_BYTES || end.count > MAX_DIRECTORY_ENTRIES ? undefined : end;
    }
  }
  return undefined;
}

function readDirectory(bytes: Buffer, start: number, count: number): ZipEntry[] | undefined {
  let at = start;
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) return undefined;
    const compressed = bytes.readUInt32LE(at + 20);
    const uncompressed = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      compressedBytes: compressed,
      uncompressedBytes:
        uncompressed === ZIP64_MARKER || compressed === ZIP64_MARKER ? Infinity : uncompressed,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
