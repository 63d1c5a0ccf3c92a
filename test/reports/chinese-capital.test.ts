import { CapitalAmountError, toChineseCapital } from '../../reports/chinese-capital';
import { Money } from '../../money/decimal';

describe('toChineseCapital', () => {
  it.each([
    ['0', '零元整'],
    ['0.05', '伍分'],
    ['0.5', '伍角'],
    ['0.15', '壹角伍分'],
    ['1', '壹元整'],
    ['1.05', '壹元零伍分'],
    ['10', '壹拾元整'],
    ['10.5', '壹拾元伍角'],
    ['15', '壹拾伍元整'],
    ['100.10', '壹佰元壹角'],
    ['100.05', '壹佰元零伍分'],
    ['105', '壹佰零伍元整'],
    ['1010', '壹仟零壹拾元整'],
    ['1001', '壹仟零壹元整'],
    ['10000', '壹万元整'],
    ['10005', '壹万零伍元整'],
    ['100050', '壹拾万零伍拾元整'],
    ['1000000', '壹佰万元整'],
    ['12345.67', '壹万贰仟叁佰肆拾伍元陆角柒分'],
    ['20000000', '贰仟万元整'],
    ['100000000', '壹亿元整'],
    ['100000001', '壹亿零壹元整'],
    ['101000000', '壹亿零壹佰万元整'],
    ['110000000', '壹亿壹仟万元整'],
    ['1000000000000', '壹万亿元整'],
    ['9999999999999999.99', '玖仟玖佰玖拾玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    ['-12345.67', '负壹万贰仟叁佰肆拾伍元陆角柒分'],
    ['-0.05', '负伍分'],
    ['-0', '零元整'],
    ['1234.5000', '壹仟贰佰叁拾肆元伍角'],
  ])('%s -> %s', (amount, words) => {
    expect(toChineseCapital(amount)).toBe(words);
  });

  it('takes Money values', () => {
    expect(toChineseCapital(new Money('12345.67'))).toBe('壹万贰仟叁佰肆拾伍元陆角柒分');
  });

  it('refuses fractions of a fen and amounts too large to write', () => {
    expect(() => toChineseCapital('0.001')).toThrow(CapitalAmountError);
    expect(() => toChineseCapital('10000000000000000')).toThrow(CapitalAmountError);
    expect(() => toChineseCapital('abc')).toThrow();
  });
});
