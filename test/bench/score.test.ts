import { reconcile, type MatchLine, type ReconcileResult } from '../../matching';
import { generate, type SyntheticRow } from '../../synthetic/generate';
import { indexTruth, score, scoreIndexed } from '../../synthetic/score';

// The match benchmark scores each result against a truth indexed before its clock: the figures must
// be score's own, for right results and for results with groups and differences gone wrong.
const toLine = (row: SyntheticRow): MatchLine => ({
  id: row.id,
  date: row.date,
  ...(row.doc_no ? { docNo: row.doc_no } : {}),
  ...(row.reference ? { reference: row.reference } : {}),
  kind: row.kind,
  amount: row.amount,
  currency: row.currency,
});

it('gives the figures score gives, right or wrong', () => {
  for (let c = 0; c < 40; c += 1) {
    const data = generate({ customers: 1, firstCustomer: c, linesPerCustomer: 40, seed: 5 + c });
    const [[, balances]] = [...data.balances];
    const right = reconcile({
      ours: data.ledger.map(toLine),
      theirs: data.statement.map(toLine),
      period: { start: '2026-10-01', end: '2026-10-31' },
      ...balances,
    });
    const wrong: ReconcileResult = {
      ...right,
      groups: right.groups.map((g, i) => (i % 3 === 0 ? { ...g, theirIds: [...g.theirIds, 'X'] } : g)),
      differences: right.differences.map((d, i) =>
        i % 2 === 0 ? { ...d, kind: d.kind === 'TIMING' ? 'DUPLICATE' : 'TIMING' } : d,
      ),
    };
    const index = indexTruth(data.truth);
    for (const result of [right, wrong])
      expect(scoreIndexed(result, index)).toEqual(score([result], data.truth));
    expect(scoreIndexed(wrong, index).correctGroups).toBeLessThan(scoreIndexed(right, index).correctGroups);
  }
});
