import { TaskQueue, TaskStatus } from '../../contract/enums';
import { QueueBounds } from '../../tasks/queue-bounds';
import {
  boundHeld,
  columnsOf,
  planReads,
  QUEUE_TASK_COLUMNS,
  type ClaimedRead,
  type QueueRequest,
} from '../../tasks/queue-plan';
import { KEY_COLUMNS, queuePagesSql, readSql } from '../../tasks/queue-sql';

// The queue page's pure parts: which reads, how far, and their one statement. No database here;
// what the statement returns is tested against MariaDB in queue-pages.test.ts.

const at = (iso: string, id = '1', priority = 0) => ({ dueAt: new Date(iso), priority, id });
const clerk = (id: string, first = 10): QueueRequest => ({ user: { id, queues: [TaskQueue.CLERK] }, first });
const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

describe('QueueBounds', () => {
  it('knows no bound before a read, and none after a queue shorter than a page', () => {
    const bounds = new QueueBounds();
    expect(bounds.bound('q')).toBeUndefined();
    bounds.record('q', [at('2026-11-01T00:00:00Z')], 3);
    expect(bounds.bound('q')).toBeUndefined();
  });

  it('bounds a full page at its end plus its width, and at least a minute', () => {
    const bounds = new QueueBounds();
    const rows = [at('2026-11-01T00:00:00Z'), at('2026-11-01T02:00:00Z'), at('2026-11-01T03:00:00Z')];
    bounds.record('wide', rows, 2);
    expect(bounds.bound('wide')).toBe(Date.parse('2026-11-01T04:00:00Z'));
    bounds.record('narrow', [at('2026-11-01T00:00:00Z'), at('2026-11-01T00:00:00Z')], 2);
    expect(bounds.bound('narrow')).toBe(Date.parse('2026-11-01T00:01:00Z'));
  });
});

describe('columnsOf', () => {
  it('reads the default columns when any caller did not say', () => {
    const asked = { ...clerk('1'), columns: { task: ['title'] } };
    expect(columnsOf([asked, clerk('2')], 'task', QUEUE_TASK_COLUMNS)).toBe(QUEUE_TASK_COLUMNS);
  });

  it('reads what all callers asked together, with what the page itself needs', () => {
    const a = { ...clerk('1'), columns: { task: ['title'] } };
    const b = { ...clerk('2'), columns: { task: ['outcome', 'title'] } };
    const choice = columnsOf([a, b], 'task', QUEUE_TASK_COLUMNS);
    expect(choice.pick).toEqual(
      [
        'assigneeId',
        'customerId',
        'dueAt',
        'id',
        'outcome',
        'periodId',
        'priority',
        'queue',
        'status',
        'title',
      ].sort(),
    );
  });
});

describe('planReads', () => {
  it('reads a queue once for everyone who works it, and each person’s claimed tasks on their own', () => {
    const requests = [clerk('1'), clerk('2')];
    const plan = planReads(requests, [0, 1], undefined);
    expect(plan.reads).toHaveLength(3);
    expect(plan.sources).toBe(3);
    const [queue, claimed1, claimed2] = plan.reads;
    expect(queue).toMatchObject({ kind: 'single', params: [TaskQueue.CLERK, TaskStatus.OPEN], limit: 11 });
    expect(claimed1).toMatchObject({ kind: 'single', params: ['1', TaskStatus.CLAIMED] });
    expect(claimed2).toMatchObject({ kind: 'single', params: ['2', TaskStatus.CLAIMED] });
    expect(plan.sourcesOf.map((s) => s.sources)).toEqual([
      [0, 1],
      [0, 2],
    ]);
  });

  it('does not share a queue read between different cursors or page sizes', () => {
    const later = { ...clerk('2'), after: at('2026-11-01T00:00:00Z', '9') };
    const plan = planReads([clerk('1'), later, clerk('3', 5)], [0, 1, 2], undefined);
    expect(plan.reads.filter((r) => r.kind === 'single' && r.params[1] === TaskStatus.OPEN)).toHaveLength(3);
  });

  it('reads nothing for someone who works no queue', () => {
    const plan = planReads([{ user: { id: '7', queues: [] }, first: 10 }], [0], undefined);
    expect(plan.reads).toEqual([]);
    expect(plan.sourcesOf).toEqual([{ sources: [], claimedBy: undefined }]);
  });

  it('with a bound, reads everyone’s claimed tasks together up to it', () => {
    const bounds = new QueueBounds();
    const requests = [clerk('1'), clerk('2')];
    const queueKey = planReads(requests, [0], undefined).reads[0];
    bounds.record(
      (queueKey as { queueKey: string }).queueKey,
      Array.from({ length: 11 }, (_, i) => at(`2026-11-01T00:${String(i).padStart(2, '0')}:00Z`, String(i))),
      11,
    );
    const plan = planReads(requests, [0, 1], bounds);
    expect(plan.reads).toHaveLength(2);
    const claimed = plan.reads[1] as ClaimedRead;
    expect(claimed.kind).toBe('claimed');
    expect([...claimed.sourceOf]).toEqual([
      ['1', 1],
      ['2', 2],
    ]);
    expect(claimed.bound.toISOString()).toBe('2026-11-01T00:20:00.000Z');
    expect(plan.sourcesOf.map((s) => s.claimedBy)).toEqual([claimed, claimed]);
  });
});

describe('boundHeld', () => {
  const claimed: ClaimedRead = {
    kind: 'claimed',
    sourceOf: new Map([['1', 1]]),
    after: undefined,
    limit: 2,
    bound: new Date('2026-11-01T01:00:00Z'),
    boundedBy: 0,
  };
  it('holds while the queue’s page still ends at or before the bound', () => {
    const queue = [at('2026-11-01T00:00:00Z'), at('2026-11-01T01:00:00Z', '2')];
    expect(boundHeld(claimed, [queue, []])).toBe(true);
  });
  it('fails when the queue ended later, or was shorter than a page', () => {
    expect(boundHeld(claimed, [[at('2026-11-01T00:00:00Z'), at('2026-11-01T01:00:01Z', '2')], []])).toBe(
      false,
    );
    expect(boundHeld(claimed, [[at('2026-11-01T00:00:00Z')], []])).toBe(false);
  });
});

describe('the statement', () => {
  const plan = planReads(
    [clerk('1'), { ...clerk('2'), after: at('2026-11-01T00:00:00Z', '5', 2) }],
    [0, 1],
    undefined,
  );

  it('has a placeholder for every value, in order, and no value in its text', () => {
    for (const [index, read] of plan.reads.entries()) {
      const part = readSql(read, index, '`id`');
      expect(placeholders(part.sql)).toBe(part.params.length);
      expect(part.sql).not.toContain(TaskQueue.CLERK);
    }
    const after = readSql(plan.reads[2], 2, '`id`');
    expect(after.params).toEqual([TaskQueue.CLERK, TaskStatus.OPEN, ...Array(5).fill(expect.anything()), 11]);
  });

  it('names each person of a claimed read once, and bounds it by due date', () => {
    const claimed: ClaimedRead = {
      kind: 'claimed',
      sourceOf: new Map([
        ['1', 1],
        ['2', 2],
      ]),
      after: undefined,
      limit: 11,
      bound: new Date('2026-11-02T00:00:00Z'),
      boundedBy: 0,
    };
    const part = readSql(claimed, 4, '`id`');
    expect(part.sql).toContain('assignee_id IN (?, ?)');
    expect(part.sql).toContain('due_at <= ?');
    expect(part.params).toEqual([TaskStatus.CLAIMED, '1', '2', claimed.bound, 11]);
  });

  it('joins every read in one UNION ALL, and refuses task columns without the keys', () => {
    const statement = queuePagesSql(plan.reads, KEY_COLUMNS, { task: 't.x', period: 'p.y', customer: 'c.z' });
    expect(statement.sql.match(/UNION ALL/g)).toHaveLength(plan.reads.length - 1);
    expect(placeholders(statement.sql)).toBe(statement.params.length);
    expect(() => queuePagesSql(plan.reads, ['id'], { task: '', period: '', customer: '' })).toThrow(
      /due_at, priority, assignee_id, period_id/,
    );
  });
});
