import iconv from 'iconv-lite';
import { createChunkDecoder, decodeBuffer, decodeChunks, detectEncoding } from '../../formats/encoding';
import { FileErrorCode as ImportErrorCode, FileFormatError as ImportFileError } from '../../formats/errors';

// GBK has no ¥ (U+00A5): Chinese exports write the full-width ￥.
const text = '日期,摘要,金额\n2026年1月5日,销售货款,￥1234.56\n';

async function collect(chunks: Uint8Array[]): Promise<string> {
  async function* source(): AsyncGenerator<Uint8Array> {
    yield* chunks;
  }
  let out = '';
  for await (const piece of decodeChunks(source())) out += piece;
  return out;
}

describe('encoding', () => {
  it('detects UTF-8 with and without BOM', () => {
    const plain = Buffer.from(text);
    expect(detectEncoding(plain)).toEqual({ encoding: 'utf8', bomLength: 0 });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    expect(detectEncoding(bom)).toEqual({ encoding: 'utf8', bomLength: 3 });
    expect(decodeBuffer(bom)).toBe(text);
  });

  it('reads GBK as GB18030 when the bytes are not UTF-8', () => {
    const gbk = iconv.encode(text, 'gbk');
    expect(detectEncoding(gbk).encoding).toBe('gb18030');
    expect(decodeBuffer(gbk)).toBe(text);
  });

  it('reads UTF-16 LE "Unicode text" exports', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeBuffer(utf16)).toBe(text);
  });

  it('does not mistake a UTF-8 character cut at the end of the sample for GBK', () => {
    const bytes = Buffer.from('abc日');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf8');
  });

  it('decodes streams whose chunks split multi-byte characters', async () => {
    for (const bytes of [Buffer.from(text), iconv.encode(text, 'gbk')]) {
      const chunks = [...bytes].map((_, i) => bytes.subarray(i, i + 1)).filter((c) => c.length);
      // Detection needs a real sample: give the first chunk whole lines.
      expect(await collect([bytes.subarray(0, 20), ...chunks.slice(20)])).toBe(text);
    }
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    const decoder = createChunkDecoder('gb18030');
    expect(() => decoder.write(Buffer.from([0x81, 0x20]))).toThrow(ImportFileError);
    const utf8 = createChunkDecoder('utf8');
    try {
      utf8.write(Buffer.from([0x61, 0xff]));
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as ImportFileError).code).toBe(ImportErrorCode.ENCODING_ERROR);
    }
  });
});
