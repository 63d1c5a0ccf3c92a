import { differencesCoveredBy, differencesTouching } from '../../activities/review/differences-of-lines';

// Ledger entry 3 and statement line 3 are different lines: ids are per table.
const FEE = { id: 'fee', ourIds: [], theirIds: ['3'] };
const INVOICE_A = { id: 'a', ourIds: ['2'], theirIds: [] };
const INVOICE_B = { id: 'b', ourIds: ['3'], theirIds: [] };
const TRANSFER = { id: 'trf', ourIds: [], theirIds: ['2'] };
const PAIR = { id: 'pair', ourIds: ['2'], theirIds: ['2'] };
const ALL = [FEE, INVOICE_A, INVOICE_B, TRANSFER, PAIR];

describe('which differences a hand match or an accepted suggestion settles', () => {
  it('compares ledger entry ids with ours and statement line ids with theirs, never across', () => {
    // Our entries 2 and 3 with their line 2: the fee (their line 3) is untouched.
    const lines = { ledgerEntryIds: ['2', '3'], statementLineIds: ['2'] };
    expect(differencesTouching(ALL, lines).map((d) => d.id)).toEqual(['a', 'b', 'trf', 'pair']);
    expect(differencesCoveredBy(ALL, lines).map((d) => d.id)).toEqual(['a', 'b', 'trf', 'pair']);
  });

  it('a covered difference needs every one of its lines; a touched one any', () => {
    const lines = { ledgerEntryIds: ['2'], statementLineIds: [] };
    expect(differencesTouching(ALL, lines).map((d) => d.id)).toEqual(['a', 'pair']);
    expect(differencesCoveredBy(ALL, lines).map((d) => d.id)).toEqual(['a']);
    expect(differencesCoveredBy([{ id: 'none', ourIds: [], theirIds: [] }], lines)).toEqual([]);
  });
});
