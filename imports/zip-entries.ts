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

/**
 * The entries of a ZIP archive (an .xlsx is one) read from its central directory, without inflating
 * anything: what a workbook would take once decompressed is known before a parser touches it.
 * Undefined when the archive's directory cannot be found or read.
 */
export function zipEntries(zip: Buffer): ZipEntry[] | undefined {
  // The end-of-directory record is in the last 22 + 65,535 (comment) bytes.
  const floor = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let at = zip.length - 22; at >= floor; at -= 1) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) return undefined;
    const compressed = zip.readUInt32LE(at + 20);
    const uncompressed = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      compressedBytes: compressed,
      uncompressedBytes:
        uncompressed === ZIP64_MARKER || compressed === ZIP64_MARKER ? Infinity : uncompressed,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
