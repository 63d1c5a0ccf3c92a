import { compareDecimals } from '../../web/src/format/exact-decimal';
import {
  canManageCredit,
  canPlaceHold,
  lowerAmountProblem,
  suggestionEffect,
} from '../../web/src/services/credit-rules';

describe('web credit rules: what the Credit page offers whom, as the API decides it', () => {
  it('compares exact decimals without floats', () => {
    expect(compareDecimals('1000', '1000.00')).toBe(0);
    expect(compareDecimals('0.1', '0.09')).toBe(1);
    expect(compareDecimals('-5', '3')).toBe(-1);
    expect(compareDecimals('12345678901234567.0001', '12345678901234567')).toBe(1);
  });

  it('offers a hold to those with credit:request and the direct limit actions to credit:manage', () => {
    expect(['CLERK', 'MANAGER', 'ADMIN', 'AUDITOR'].map((r) => canPlaceHold(r as never))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(['CLERK', 'MANAGER', 'ADMIN', 'AUDITOR'].map((r) => canManageCredit(r as never))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('says what accepting the suggested limit does, as acceptSuggestedLimit does it', () => {
    expect(suggestionEffect({ limit: '1000', suggestedLimit: null })).toBe('NONE');
    expect(suggestionEffect({ limit: null, suggestedLimit: '500' })).toBe('ASKS');
    expect(suggestionEffect({ limit: '1000.0000', suggestedLimit: '1000' })).toBe('SAME');
    expect(suggestionEffect({ limit: '1000', suggestedLimit: '800' })).toBe('LOWERS');
    expect(suggestionEffect({ limit: '1000', suggestedLimit: '1200' })).toBe('ASKS');
  });

  it('takes a lower limit only below (or at) the limit now: a raise is a request', () => {
    expect(lowerAmountProblem('', '1000')).toBe('required');
    expect(lowerAmountProblem('1,000', '1000')).toBe('format');
    expect(lowerAmountProblem('1000.01', '1000')).toBe('notLower');
    expect(lowerAmountProblem('500', null)).toBe('notLower');
    expect(lowerAmountProblem(' 800.50 ', '1000')).toBeUndefined();
    expect(lowerAmountProblem('1000', '1000.00')).toBeUndefined();
  });
});
