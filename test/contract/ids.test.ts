import { refusalOf } from '../../api/api-error';
import { decodeId, decodeIds, decodeOptionalId, encodeId, IdError, IdErrorCode } from '../../contract/ids';

describe('ids: one way in, one way out', () => {
  it.each(['1', '42', '900719925474099312'])('decodes %s as itself', (id) => {
    expect(decodeId(id, 'id')).toBe(id);
  });

  it.each([
    ['zero', '0'],
    ['a leading zero', '042'],
    ['a sign', '-4'],
    ['a space', ' 4'],
    ['an exponent', '4e3'],
    ['a suffix', '4 OR 1=1'],
    ['nineteen digits', '1'.repeat(19)],
    ['the empty string', ''],
    ['a number', 42],
    ['null', null],
  ])('refuses %s, naming where it was given', (_label, value) => {
    expect(() => decodeId(value, 'filter.periodId')).toThrow(IdError);
    try {
      decodeId(value, 'filter.periodId');
    } catch (error) {
      expect(error).toMatchObject({
        code: IdErrorCode.NOT_AN_ID,
        problems: [{ index: -1, field: 'filter.periodId', reason: expect.stringContaining('is not an id') }],
      });
      expect((error as Error).message).toMatch(/^filter\.periodId /);
    }
  });

  it('names the position of the first bad id of a list', () => {
    expect(decodeIds(['1', '2'], 'filter.ids')).toEqual(['1', '2']);
    expect(() => decodeIds(['1', 'x', '0'], 'filter.ids')).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^filter\.ids\[1\] "x"/),
        problems: [expect.objectContaining({ index: 1, field: 'filter.ids' })],
      }),
    );
  });

  it('treats an absent optional id as absent, and anything else as an id', () => {
    expect(decodeOptionalId(undefined, 'periodId')).toBeUndefined();
    expect(decodeOptionalId(null, 'periodId')).toBeUndefined();
    expect(decodeOptionalId('', 'periodId')).toBeUndefined();
    expect(decodeOptionalId('7', 'periodId')).toBe('7');
    expect(() => decodeOptionalId('07', 'periodId')).toThrow(IdError);
  });

  it('leaves the API as BAD_USER_INPUT with its problem', () => {
    let thrown: unknown;
    try {
      decodeId('x', 'subscriptionId');
    } catch (error) {
      thrown = error;
    }
    expect(refusalOf(thrown)).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ index: -1, field: 'subscriptionId' }],
    });
  });

  it('encodes what the database gives, and refuses a number that lost digits', () => {
    expect(encodeId('12')).toBe('12');
    expect(encodeId(12)).toBe('12');
    expect(encodeId(2n ** 55n)).toBe('36028797018963968');
    expect(() => encodeId(2 ** 55)).toThrow(RangeError);
    expect(() => encodeId(0)).toThrow(RangeError);
  });
});
