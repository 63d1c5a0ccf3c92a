import iconv from 'iconv-lite';
import { FileFormatError } from './errors';

/** Text encodings seen in real exports: UTF-8 (with or without BOM), GBK/GB18030 from Chinese Excel, UTF-16 "Unicode text". */
export type TextEncoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

export interface DetectedEncoding {
  readonly encoding: TextEncoding;
  /** Bytes of byte-order mark to skip at the start of the file. */
  readonly bomLength: number;
}

const BOMS: readonly { bytes: readonly number[]; encoding: TextEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf8' },
  { bytes: [0xff, 0xfe], encoding: 'utf16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf16be' },
  { bytes: [0x84, 0x31, 0x95, 0x33], encoding: 'gb18030' },
];

/**
 * Decide the encoding from the first bytes of a file. A BOM wins; otherwise text that is valid UTF-8
 * is UTF-8 (GBK text almost never is), and anything else is read as GB18030, the superset of GBK.
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  for (const bom of BOMS) {
    if (bom.bytes.every((byte, i) => sample[i] === byte)) {
      return { encoding: bom.encoding, bomLength: bom.bytes.length };
    }
  }
  return { encoding: isValidUtf8Prefix(sample) ? 'utf8' : 'gb18030', bomLength: 0 };
}

/** True when the bytes are UTF-8, allowing a multi-byte character cut off at the end of the sample. */
function isValidUtf8Prefix(sample: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Incremental decoder: feed byte chunks in order, get text out; chunk boundaries may split characters. */
export interface ChunkDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

export function createChunkDecoder(encoding: TextEncoding): ChunkDecoder {
  if (encoding === 'gb18030') return new Gb18030Decoder();
  const label = encoding === 'utf8' ? 'utf-8' : encoding === 'utf16le' ? 'utf-16le' : 'utf-16be';
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  const guard = (fn: () => string): string => {
    try {
      return fn();
    } catch {
      throw new FileFormatError(
        'ENCODING_ERROR',
        `the file is not valid ${encoding}: set the template's encoding (e.g. "gb18030") if it was exported by Chinese Excel`,
      );
    }
  };
  return {
    write: (chunk) => guard(() => decoder.decode(chunk, { stream: true })),
    end: () => guard(() => decoder.decode()),
  };
}

/** iconv-lite replaces undecodable bytes with U+FFFD; we refuse them rather than import garbled text. */
class Gb18030Decoder implements ChunkDecoder {
  private readonly inner = iconv.getDecoder('gb18030');

  write(chunk: Uint8Array): string {
    return this.check(this.inner.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  }

  end(): string {
    return this.check(this.inner.end() ?? '');
  }

  private check(text: string): string {
    if (text.includes('\uFFFD')) {
      throw new FileFormatError('ENCODING_ERROR', 'the file is neither valid UTF-8 nor GBK/GB18030 text');
    }
    return text;
  }
}

/** Decode a whole buffer, detecting the encoding unless one is given. */
export function decodeBuffer(buffer: Uint8Array, forced?: TextEncoding): string {
  const detected = detectEncoding(buffer);
  const encoding = forced ?? detected.encoding;
  const skip = detected.encoding === encoding ? detected.bomLength : 0;
  const decoder = createChunkDecoder(encoding);
  return decoder.write(buffer.subarray(skip)) + decoder.end();
}

/** Decode a byte stream lazily; the first chunk decides the encoding (unless forced). */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  forced?: TextEncoding,
  onDetected?: (encoding: TextEncoding) => void,
): AsyncGenerator<string> {
  let decoder: ChunkDecoder | null = null;
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (!decoder) {
      const detected = detectEncoding(chunk);
      const encoding = forced ?? detected.encoding;
      if (detected.encoding === encoding) bytes = chunk.subarray(detected.bomLength);
      decoder = createChunkDecoder(encoding);
      onDetected?.(encoding);
    }
    const text = decoder.write(bytes);
    if (text) yield text;
  }
  const rest = decoder?.end();
  if (rest) yield rest;
}
