import fc from 'fast-check';
import { JsonBytes } from '../../cli/json-bytes';

// `recon match` writes its results with JsonBytes: the bytes must be JSON.stringify's, always.

/** JsonBytes' text of a value, starting from a buffer too small for it (it grows as it goes). */
const written = (value: unknown) => {
  const into = new JsonBytes(1);
  into.json(value);
  return into.bytes.subarray(0, into.at);
};
const expected = (value: unknown) => Buffer.from(JSON.stringify(value));
const same = (value: unknown) => expect(written(value).equals(expected(value))).toBe(true);

/** Any UTF-16 units, weighted to what JSON escapes: quotes, backslashes, controls, DEL, lone surrogates. */
const unit = fc.oneof(
  fc.constantFrom(0x22, 0x5c, 0x2f, 0x7f, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x00, 0x1f, 0x20),
  fc.integer({ min: 0, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0x7ff }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.integer({ min: 0, max: 0xffff }),
);
const hostile = fc.oneof(
  fc.array(unit, { maxLength: 40 }).map((units) => String.fromCharCode(...units)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  // Chinese references as the results quote them, cut anywhere (a surrogate pair cut in half too).
  fc
    .tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.nat(), fc.nat())
    .map(([text, a, b]) => `发票号：２０２６${text}😀单号`.slice(a % 8, 30 - (b % 8))),
);
/**
 * Long strings (written natively from 32 units): plain text with what JSON escapes put anywhere,
 * built from parts as evidence is (a string read through its parts until flattened), at any
 * offset from a word's start (checked a word at a time).
 */
const long = fc
  .tuple(
    fc.nat({ max: 3 }),
    fc.string({ minLength: 28, maxLength: 120 }),
    fc.array(fc.tuple(fc.nat(), hostile), { maxLength: 3 }),
    fc.constantFrom('', '发票号：２０２６', '😀', '\ufffd', 'résumé'),
  )
  .map(([pad, text, inserts, wide]) => {
    let out = `${'p'.repeat(pad)}${text}${wide}`;
    for (const [at, piece] of inserts)
      out = `${out.slice(0, at % (out.length + 1))}${piece}${out.slice(at % (out.length + 1))}`;
    return out;
  });
const leaf = fc.oneof(
  long,
  hostile,
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31), 2 ** 53, 1e21, 1e-7, 0.98),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 6 }),
  object: fc.dictionary(fc.oneof(hostile, fc.constantFrom('0', '10', '__proto__', 'a')), tie('value'), {
    maxKeys: 6,
  }),
}));

describe('JsonBytes writes the bytes of JSON.stringify', () => {
  it('for any string', () => {
    fc.assert(
      fc.property(hostile, (text) => same(text)),
      { numRuns: 5000 },
    );
  });

  it('for any plain value: lists, objects, numbers, what has no JSON', () => {
    fc.assert(
      fc.property(value, (v) => {
        if (v !== undefined && typeof v !== 'function' && typeof v !== 'symbol') same(v);
      }),
      { numRuns: 3000 },
    );
  });

  it('for any long string, at any offset, in a buffer that starts where a word does or not', () => {
    fc.assert(
      fc.property(long, fc.nat({ max: 7 }), fc.boolean(), (text, offset, unaligned) => {
        const into = new JsonBytes(Buffer.alloc(1024).subarray(unaligned ? 1 : 0));
        into.text('x'.repeat(offset));
        into.json(text);
        const bytes = into.bytes.subarray(offset, into.at);
        expect(bytes.equals(expected(text))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('for long strings with each byte JSON escapes, and lone surrogates, at every position', () => {
    const plain = 'INV-202610-000000054 = their reference, amounts equal';
    for (const unit of [0x00, 0x09, 0x1f, 0x22, 0x5c, 0x7f, 0xd800, 0xdc00, 0xfffd, 0x4e22, 0x4e5c])
      for (let at = 0; at <= plain.length; at += 1)
        same(`${plain.slice(0, at)}${String.fromCharCode(unit)}${plain.slice(at)}`);
  });

  it('for every string of one UTF-16 unit and of two', () => {
    const units = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));
    same(units);
    same(units.join(''));
    const edges = [0x41, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000];
    same(edges.flatMap((high) => edges.map((low) => String.fromCharCode(high, low))));
  });

  it('as JSON.stringify for what is not plain data: toJSON, dates, classes, boxed values', () => {
    class Line {
      id = 'O1';
      amount = '1.00';
    }
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const nullPrototype = Object.assign(Object.create(null) as object, { a: 1, b: ['x'] });
    const deep = JSON.parse('['.repeat(200) + ']'.repeat(200)) as unknown;
    for (const v of [
      { when: new Date(Date.UTC(2026, 9, 31)), ok: true },
      { a: { toJSON: (key: string) => `key ${key}` } },
      { toJSON: () => 'instead' },
      [new Line(), new Number(1), new String('s'), new Boolean(false)],
      { map: new Map([[1, 2]]), set: new Set([1]) },
      sparse,
      nullPrototype,
      deep,
      { groups: [{ id: 'g', evidence: 'their reference 发票号：２０２６１００, 1 day apart' }] },
    ])
      same(v);
  });

  it('throws as JSON.stringify does: a bigint, a cycle', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    for (const v of [{ amount: 1n }, cyclic]) expect(() => written(v)).toThrow(TypeError);
  });

  it('follows what the prototypes inherit: an enumerable property or toJSON on Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto.inherited = 1;
      same({ a: 1 });
    } finally {
      delete proto.inherited;
    }
    try {
      Object.defineProperty(proto, 'toJSON', { value: () => 'everything', configurable: true });
      same({ a: [1] });
    } finally {
      delete proto.toJSON;
    }
  });

  it('writes text and bytes after what it wrote', () => {
    const into = new JsonBytes(2);
    into.text('{"customer":"客户"');
    into.json({ a: 1 });
    into.raw(Buffer.from(',"b":2'));
    expect(into.bytes.subarray(0, into.at).toString()).toBe('{"customer":"客户"{"a":1},"b":2');
  });
});
