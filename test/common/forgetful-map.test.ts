import { ForgetfulMap } from '../../common/forgetful-map';

describe('ForgetfulMap: a bounded memo that forgets everything at its bound', () => {
  it('keeps entries up to its bound, then starts over with the next new key', () => {
    const map = new ForgetfulMap<string, number>(2);
    expect(map.set('a', 1)).toBe(1);
    map.set('b', 2);
    expect([map.get('a'), map.get('b'), map.size]).toEqual([1, 2, 2]);
    map.set('b', 3); // an existing key is replaced, nothing forgotten
    expect([map.get('a'), map.get('b'), map.size]).toEqual([1, 3, 2]);
    map.set('c', 4);
    expect([map.get('a'), map.get('b'), map.get('c'), map.size]).toEqual([undefined, undefined, 4, 1]);
  });

  it('refuses a bound below one', () => {
    expect(() => new ForgetfulMap(0)).toThrow(RangeError);
    expect(() => new ForgetfulMap(Number.NaN)).toThrow(RangeError);
  });
});
