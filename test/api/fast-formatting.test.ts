import fc from 'fast-check';
import { isoTimestamp } from '../../api/iso-timestamp';
import { base64UrlOfAscii } from '../../api/pagination';
import { encodeTaskCursor } from '../../api/graphql/task/task.resolvers';

describe('fast formatting on the queue page', () => {
  it('isoTimestamp writes exactly what Date#toISOString writes', () => {
    const edges = [0, -1, 1, 951_782_400_000, 951_868_800_000, -62_167_219_200_000, 253_402_300_799_999];
    for (const ms of edges) expect(isoTimestamp(new Date(ms))).toBe(new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(isoTimestamp(new Date(ms))).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
    expect(() => isoTimestamp(new Date(NaN))).toThrow(RangeError);
    // Remembered instants answer the same; an invalid date still throws after valid ones.
    for (const ms of edges) expect(isoTimestamp(new Date(ms))).toBe(new Date(ms).toISOString());
    expect(() => isoTimestamp(new Date(NaN))).toThrow(RangeError);
  });

  it("a task's cursor follows its due date and priority (remembered only while they stay)", () => {
    const text = (cursor: string) => Buffer.from(cursor, 'base64url').toString('latin1');
    const task = { id: '42', dueAt: new Date('2026-12-03T09:30:00.000Z'), priority: 1 };
    expect(text(encodeTaskCursor(task))).toBe('t:2026-12-03T09:30:00.000Z|1|42');
    expect(encodeTaskCursor({ ...task })).toBe(encodeTaskCursor(task));
    expect(text(encodeTaskCursor({ ...task, priority: 3 }))).toBe('t:2026-12-03T09:30:00.000Z|3|42');
    const later = new Date('2026-12-04T00:00:00.000Z');
    expect(text(encodeTaskCursor({ ...task, priority: 3, dueAt: later }))).toBe(
      't:2026-12-04T00:00:00.000Z|3|42',
    );
    expect(text(encodeTaskCursor({ ...task, id: '43' }))).toBe('t:2026-12-03T09:30:00.000Z|1|43');
  });

  it('base64UrlOfAscii writes exactly what Buffer writes as base64url, and Buffer reads it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 80 }), (text) => {
        const encoded = base64UrlOfAscii(text);
        expect(encoded).toBe(Buffer.from(text, 'latin1').toString('base64url'));
        expect(Buffer.from(encoded, 'base64url').toString('latin1')).toBe(text);
      }),
      { numRuns: 5_000 },
    );
  });
});
