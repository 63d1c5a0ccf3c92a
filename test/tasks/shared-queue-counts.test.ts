import { SharedQueueCounts } from '../../tasks/shared-queue-counts';

describe('a queue’s counts shared between its clerks', () => {
  const rows = [{ type: 'REVIEW_DIFFERENCE', status: 'OPEN', n: 120_000, late: 7 }];

  it('serve while the audit log’s head is the same and for at most their age', () => {
    const shared = new SharedQueueCounts(3_000);
    expect(shared.get('CLERKS', '41', 1_000)).toBeUndefined();
    shared.set('CLERKS', '41', 1_000, rows);
    expect(shared.get('CLERKS', '41', 1_000)).toEqual(rows);
    expect(shared.get('CLERKS', '41', 3_999)).toEqual(rows);
    // Something audited was committed since (a claim, a new task): counted again.
    expect(shared.get('CLERKS', '42', 1_500)).toBeUndefined();
    // Too old (what is overdue moves with the clock), or counted after the reader's moment.
    expect(shared.get('CLERKS', '41', 4_000)).toBeUndefined();
    expect(shared.get('CLERKS', '41', 999)).toBeUndefined();
    // Another queue has counts of its own.
    expect(shared.get('MANAGERS', '41', 1_000)).toBeUndefined();
  });

  it('keep the latest count of a queue', () => {
    const shared = new SharedQueueCounts(3_000);
    shared.set('CLERKS', '41', 1_000, rows);
    shared.set('CLERKS', '42', 2_000, []);
    expect(shared.get('CLERKS', '41', 2_000)).toBeUndefined();
    expect(shared.get('CLERKS', '42', 2_000)).toEqual([]);
  });
});
