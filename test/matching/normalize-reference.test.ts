import fc from 'fast-check';
import {
  LIST_SEPARATOR,
  SLASH,
  lastReferenceMarks,
  normalizeReference,
} from '../../matching/normalize-reference';

// normalizeReference scans most references in one pass (ASCII; ASCII with full-width forms, CJK
// ideographs and separators) and gives way to the patterns for anything else: it must give what
// the patterns give, whatever the text. The definition: ASCII text drops everything but letters and
// digits before its prefixes go; other text is NFKC'd, drops separators, then prefixes, then the
// rest.
const ASCII_PREFIX =
  /^(?:invoice(?=(?:no|nr|num)?\d)|inv(?=(?:no|nr|num)?\d)|cheque(?=(?:no)?\d)|check(?=(?:no)?\d)|chq(?=(?:no)?\d)|no(?=\d)|nr(?=\d)|num(?=\d)|ref(?=\d)|utr(?=\d)|paymentfor)+/;
const PREFIX =
  /^(?:发票号码?|发票|单据号|单号|付款|收款|回款|票号|支票号码?|支票|invoice(?=(?:no|nr|num)?\d)|inv(?=(?:no|nr|num)?\d)|cheque(?=(?:no)?\d)|check(?=(?:no)?\d)|chq(?=(?:no)?\d)|no(?=\d)|nr(?=\d)|num(?=\d)|ref(?=\d)|utr(?=\d)|paymentfor|#)+/;

function byPatterns(raw: string): string {
  if (!raw) return '';
  if ([...raw].every((ch) => ch.charCodeAt(0) < 0x80)) {
    const out = raw.toLowerCase().replace(/[^0-9a-z]+/g, '');
    return out.replace(ASCII_PREFIX, '').replace(/^0+(?=\d)/, '');
  }
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s:：.,，、#\-_/\\()（）[\]【】'"]+/g, '')
    .replace(PREFIX, '')
    .replace(/[^0-9a-z\u4e00-\u9fff]/g, '')
    .replace(/^0+(?=\d)/, '');
}

const marksByPatterns = (raw: string) =>
  (/[,;&，；、]/.test(raw) ? LIST_SEPARATOR : 0) | (raw.includes('/') ? SLASH : 0);

// Prefixes and their parts, digits (full-width too), separators, characters NFKC changes otherwise.
const piece = fc.constantFrom(
  ...[
    '发票号码',
    '发票号',
    '发票',
    '单据号',
    '单号',
    '付款',
    '收款',
    '回款',
    '票号',
    '支票号码',
    '支票',
    '码',
    '号',
  ],
  ...['invoice', 'INVOICE', 'Inv', 'inv', 'cheque', 'check', 'chq', 'CHQ', 'no', 'No.', 'nr', 'num', 'nu'],
  ...[
    'ref',
    'utr',
    'paymentfor',
    'payment for',
    '#',
    '0',
    '00',
    '1',
    '9',
    '123',
    '0001',
    '２',
    '０',
    'Ａ',
    'ｉｎｖ',
  ],
  ...[
    '：',
    '，',
    '；',
    '、',
    '【',
    '】',
    '（',
    '）',
    '\u3000',
    '\u00a0',
    '\ufeff',
    ' ',
    '\t',
    ':',
    '.',
    ',',
    ';',
  ],
  ...[
    '&',
    '-',
    '_',
    '/',
    '\\',
    '(',
    ')',
    '[',
    ']',
    "'",
    '"',
    '*',
    '+',
    'é',
    'e\u0301',
    'İ',
    'ß',
    'ﬁ',
    '①',
    '㈱',
  ],
  ...[
    'a',
    'z',
    'Z',
    'ｘ',
    '～',
    '＆',
    '／',
    '＂',
    '日',
    '\u4e00',
    '\u9fff',
    '\u3400',
    '\uff5f',
    'ｶ',
    '\u{1f600}',
    '\u0000',
  ],
);

it('gives what the patterns give, and the text list marks, whatever the text', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), fc.integer({ min: 1, max: 40 }), (pieces, times) => {
      // Long text (beyond the scan's buffer) too.
      for (const raw of [pieces.join(''), pieces.join('').repeat(times)]) {
        expect(normalizeReference(raw)).toBe(byPatterns(raw));
        expect(lastReferenceMarks()).toBe(marksByPatterns(raw));
      }
    }),
    { numRuns: 20_000 },
  );
});

it('reads the references people write', () => {
  const forms = [
    'INV-202610-000000054',
    'inv 202610 000000054',
    'No.202610000000054',
    '单号 202610000000054',
  ];
  for (const raw of [...forms, '发票号：２０２６１００００００００５４', 'INV202610000000054'])
    expect(normalizeReference(raw)).toBe('202610000000054');
  expect(normalizeReference('付款 PMT-2026')).toBe('pmt2026');
  expect(normalizeReference('CN-0042')).toBe('cn0042');
  expect(normalizeReference('000')).toBe('0');
});
