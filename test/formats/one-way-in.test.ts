import fc from 'fast-check';
import { formatAmount, fromUnits, isPlainDecimal, parseAmount, toUnits } from '../../formats/amount';
import { currencyDecimals, isCurrencyCode, isKnownCurrency, normalizeCurrency } from '../../formats/currency';
import { isIsoDate, isMonth, isoDateProblem, isYear, monthRange, parseDate } from '../../formats/date';
import { EntryKind } from '../../contract/enums';
import { LINE_KINDS, lookupKind } from '../../formats/kinds';
import { money } from '../../money/decimal';

// Every way people write one exact amount, generated: the one parser must read each to the same value.
const units = fc.bigInt({ min: -(10n ** 20n) + 1n, max: 10n ** 20n - 1n });
const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const fullWidth = (text: string) =>
  text.replace(/[0-9.,()-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function spellings(value: bigint): string[] {
  const text = fromUnits(value < 0n ? -value : value);
  const [int, frac] = text.split('.');
  const magnitude = `${grouped(int)}${frac ? `.${frac}` : ''}`;
  if (value >= 0n)
    return [
      text,
      magnitude,
      `¥${magnitude}`,
      `￥${magnitude}`,
      `${magnitude}元`,
      `CNY ${magnitude}`,
      fullWidth(magnitude),
      `借${magnitude}`,
    ];
  return [
    `-${text}`,
    `-${magnitude}`,
    `(${magnitude})`,
    `${magnitude}-`,
    `−${magnitude}`,
    `¥-${magnitude}`,
    `-¥${magnitude}`,
    `(￥${magnitude})`,
    fullWidth(`(${magnitude})`),
    `贷${magnitude}`,
  ];
}

describe('one amount parser', () => {
  it('reads every spelling of an amount to the same exact text (property)', () => {
    fc.assert(
      fc.property(units, (value) => {
        const expected = fromUnits(value);
        for (const spelling of spellings(value)) {
          const parsed = parseAmount(spelling);
          if (!parsed.ok || parsed.value !== expected)
            throw new Error(`${spelling}: ${JSON.stringify(parsed)} instead of ${expected}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips units, canonical text and the display format (property)', () => {
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 4 }), (value, decimals) => {
        const text = fromUnits(value);
        expect(toUnits(text)).toBe(value);
        expect(isPlainDecimal(text)).toBe(true);
        expect(money(text).toFixed()).toBe(text);
        const shown = formatAmount(text, decimals);
        const back = parseAmount(shown);
        expect(back.ok && back.value).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('formats for people: grouped, padded to the currency, exact beyond it', () => {
    expect(formatAmount('-1234567.5', currencyDecimals('CNY'))).toBe('-1,234,567.50');
    expect(formatAmount('1500', currencyDecimals('JPY'))).toBe('1,500');
    expect(formatAmount('0.0001', 2)).toBe('0.0001');
    expect(formatAmount('12.345', currencyDecimals('KWD'))).toBe('12.345');
  });
});

describe('one date parser', () => {
  it('refuses impossible dates in every form', () => {
    for (const text of ['2026-02-30', '2026/2/30', '2026年2月30日', '30/02/2026', '20260230', '2026-13-01'])
      expect(parseDate(text).ok).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(() => money('1.23456')).toThrow();
  });

  it('reads day-first and month-first dates when only one reading is a date', () => {
    expect(parseDate('13/01/2026')).toEqual({ ok: true, value: '2026-01-13' });
    expect(parseDate('01/13/2026')).toEqual({ ok: true, value: '2026-01-13' });
    expect(parseDate('07/07/2026')).toEqual({ ok: true, value: '2026-07-07' });
    expect(parseDate('05/01/2026')).toMatchObject({ ok: false, code: 'AMBIGUOUS_DATE' });
    expect(parseDate('2026年11月5日')).toEqual({ ok: true, value: '2026-11-05' });
    expect(parseDate('2026/11/05')).toEqual({ ok: true, value: '2026-11-05' });
  });

  it('has one month rule', () => {
    expect(monthRange('2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(() => monthRange('2026-13')).toThrow(RangeError);
    for (const month of ['2026-00', '2026-13', '2026-1', '202610', '2026-10-01'])
      expect(isMonth(month)).toBe(false);
    expect(isMonth('2026-10')).toBe(true);
    expect([isYear('2026'), isYear('26'), isYear('2026-10')]).toEqual([true, false, false]);
  });

  it('says why a text is not a date: its form or its day', () => {
    expect(isoDateProblem('2026-02-30')).toBe('calendar');
    expect(isoDateProblem('2026/02/03')).toBe('form');
    expect(isoDateProblem(20260203)).toBe('form');
    expect(isoDateProblem('2026-02-28')).toBeUndefined();
  });
});

describe('one currency rule and one kinds table', () => {
  it('reads currency codes as people write them, and checks stored ones exactly', () => {
    expect(normalizeCurrency('人民币')).toBe('CNY');
    expect(normalizeCurrency('ｕｓｄ')).toBe('USD');
    expect(normalizeCurrency('US$')).toBeNull();
    expect(isCurrencyCode('CNY')).toBe(true);
    expect(isCurrencyCode('cny')).toBe(false);
    expect(isKnownCurrency('CNY')).toBe(true);
    expect(isKnownCurrency('XYZ')).toBe(false);
  });

  it.each([
    ['opening', 'OPENING_BALANCE'],
    ['OPENING', 'OPENING_BALANCE'],
    ['Opening_Balance', 'OPENING_BALANCE'],
    ['期初余额', 'OPENING_BALANCE'],
    ['上期结余', 'OPENING_BALANCE'],
    ['期末余额', 'CLOSING_BALANCE'],
    ['本期结余', 'CLOSING_BALANCE'],
    ['closing balance', 'CLOSING_BALANCE'],
    ['发票', 'INVOICE'],
    ['销售发票', 'INVOICE'],
    ['ＩＮＶＯＩＣＥ', 'INVOICE'],
    ['收款', 'RECEIPT'],
    ['回款', 'RECEIPT'],
    ['付款', 'RECEIPT'],
    ['红字发票', 'CREDIT_NOTE'],
    ['退货', 'CREDIT_NOTE'],
    ['折让', 'CREDIT_NOTE'],
    ['credit-note', 'CREDIT_NOTE'],
    ['借项通知单', 'DEBIT_NOTE'],
    ['Debit Note', 'DEBIT_NOTE'],
    ['调整', 'ADJUSTMENT'],
    ['其他', 'OTHER'],
  ])('%s is %s', (name, kind) => {
    expect(lookupKind(name)).toBe(kind);
  });

  it('knows no other names', () => {
    for (const name of ['opening-ish', '发票号', 'misc', 'INVOICES', '余额'])
      expect(lookupKind(name)).toBeNull();
  });
});

describe('the kinds table and the stored kinds', () => {
  it('names every stored kind (contract/enums.ts EntryKind)', () => {
    expect([...LINE_KINDS].sort()).toEqual(Object.values(EntryKind).sort());
  });
});
