import {
  isFilteredChoice,
  workChoiceOf,
  workChoiceParams,
  workFilterOf,
  type WorkChoice,
} from '../../web/src/services/work-choice';

describe("My work's filters in the page address", () => {
  it('reads back what it writes, only what is chosen, in a fixed order', () => {
    const choice: WorkChoice = {
      customerCode: 'ACME',
      kind: 'CUSTOMER_DISPUTE',
      due: 'OVERDUE',
      scope: 'MINE',
      search: '发票 INV-7',
    };
    const params = workChoiceParams(choice);
    expect(params.toString()).toBe(
      'customer=ACME&kind=CUSTOMER_DISPUTE&due=OVERDUE&scope=MINE&q=%E5%8F%91%E7%A5%A8+INV-7',
    );
    expect(workChoiceOf(new URLSearchParams(params.toString()))).toEqual(choice);
    expect(workChoiceParams({}).toString()).toBe('');
    expect(workChoiceParams({ scope: 'ALL', search: '  ', customerCode: '' }).toString()).toBe('');
  });

  it('leaves out what the page does not offer, so the list shows what the filters show', () => {
    const hostile = new URLSearchParams(
      'kind=DROP_TABLES&due=YESTERDAY&scope=EVERYONE&customer=%20%20&q=%3Cscript%3E&kind=ESCALATION',
    );
    // The first value of a repeated name counts; an unknown one is no filter at all.
    expect(workChoiceOf(hostile)).toEqual({ search: '<script>' });
    expect(workFilterOf(workChoiceOf(hostile))).toEqual({ search: '<script>' });
    expect(workChoiceOf(new URLSearchParams('scope=ALL&kind=review_difference'))).toEqual({});
  });

  it('turns a due choice from the address into the API filter at the time it is read', () => {
    const now = Date.UTC(2026, 11, 5, 12, 0, 0);
    expect(workFilterOf(workChoiceOf(new URLSearchParams('due=NEXT_24_HOURS')), now)).toEqual({
      dueBefore: '2026-12-06T12:00:00.000Z',
    });
  });

  it('tells a narrowed list from a whole queue (the empty list says which)', () => {
    expect(isFilteredChoice({})).toBe(false);
    expect(isFilteredChoice({ scope: 'ALL', search: '  ', customerCode: '' })).toBe(false);
    expect(isFilteredChoice({ scope: 'MINE' })).toBe(true);
    expect(isFilteredChoice({ kind: 'ESCALATION' })).toBe(true);
    expect(isFilteredChoice({ due: 'OVERDUE' })).toBe(true);
    expect(isFilteredChoice({ search: 'INV-1' })).toBe(true);
    expect(isFilteredChoice({ customerCode: 'C1' })).toBe(true);
  });
});
