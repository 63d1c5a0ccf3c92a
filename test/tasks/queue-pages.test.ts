import type { DataSource } from 'typeorm';
import { TaskQueue, TaskStatus, TaskType, UserRole } from '../../contract/enums';
import { Task } from '../../entities/task.entity';
import { compareSla } from '../../tasks/queue-order';
import { workQueuesOf } from '../../auth/policy';
import { QueueBounds, readQueuePages, type QueueRequest } from '../../tasks/queue-pages';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { periodsInReview } from '../support/queue-fixture';

const pageIds = (page: { tasks: Task[] }) => page.tasks.map((t) => t.id);

describe('readQueuePages: many people’s queues in one statement', () => {
  let db: TestDatabase;
  let tasks: Task[];
  const worker = (id: string, role: UserRole) => ({
    id,
    queues: workQueuesOf({ kind: 'user', userId: id, role, name: id }),
  });
  const clerk = (id: string) => worker(id, UserRole.CLERK);
  const manager = (id: string) => worker(id, UserRole.MANAGER);

  beforeAll(async () => {
    db = await createTestDatabase('queue_pages');
    const ds = db.dataSource;
    const periods = await periodsInReview(ds, 'QP', 5, { bridge: { lines: [] } });
    const base = Date.parse('2026-11-01T00:00:00Z');
    await ds.getRepository(Task).insert(
      Array.from({ length: 90 }, (_, i) => ({
        periodId: periods[i % periods.length].id,
        workflowId: periods[i % periods.length].workflowId,
        idempotencyKey: `qp-${i}`,
        queue: i % 4 === 0 ? TaskQueue.MANAGER : TaskQueue.CLERK,
        type: TaskType.REVIEW_DIFFERENCE,
        title: `difference ${i}`,
        // Claimed by users 1–3 (every seventh), done (every eleventh), else open; ties on due and priority.
        status: i % 11 === 0 ? TaskStatus.DONE : i % 7 === 0 ? TaskStatus.CLAIMED : TaskStatus.OPEN,
        assigneeId: i % 7 === 0 ? String(1 + (i % 3)) : null,
        dueAt: new Date(base + Math.floor(i / 6) * 60_000),
        priority: i % 3,
      })),
    );
    tasks = await ds.getRepository(Task).find();
  });
  afterAll(() => db?.drop());

  /** The queue by definition: every eligible task, sorted in JavaScript. */
  function expected(request: QueueRequest): string[] {
    const queues = request.user.queues;
    return tasks
      .filter(
        (t) =>
          (t.status === TaskStatus.OPEN && queues.includes(t.queue)) ||
          (t.status === TaskStatus.CLAIMED && t.assigneeId === request.user.id),
      )
      .sort(compareSla)
      .filter((t) => !request.after || compareSla(t, request.after) > 0)
      .slice(0, request.first)
      .map((t) => t.id);
  }

  it('gives each person, in one batch, exactly the page they would get alone', async () => {
    const requests: QueueRequest[] = [
      { user: clerk('1'), first: 10 },
      { user: clerk('2'), first: 10 },
      { user: manager('3'), first: 25 },
      {
        user: clerk('1'),
        first: 7,
        after: { dueAt: new Date('2026-11-01T00:04:00Z'), priority: 1, id: '30' },
      },
      { user: worker('9', UserRole.AUDITOR), first: 10 },
      { user: clerk('2'), first: 200 },
    ];
    const batched = await readQueuePages(db.dataSource, requests);
    for (const [i, request] of requests.entries()) {
      const [alone] = await readQueuePages(db.dataSource, [request]);
      expect(pageIds(batched[i])).toEqual(pageIds(alone));
      expect(pageIds(batched[i])).toEqual(expected(request));
      expect(batched[i].hasNextPage).toBe(
        expected({ ...request, first: request.first + 1 }).length > request.first,
      );
      // Each task arrives with its period and customer.
      for (const task of batched[i].tasks) {
        const period = batched[i].periods.find((p) => p.id === task.periodId)!;
        expect(batched[i].customers.find((c) => c.id === period.customerId)?.code).toMatch(/^QP/);
      }
    }
    expect(batched[4].tasks).toEqual([]);
  });

  it('reads only the columns asked for (and what ordering and merging need)', async () => {
    const [page] = await readQueuePages(db.dataSource, [
      {
        user: clerk('1'),
        first: 3,
        columns: { task: ['title'], period: ['periodStart'], customer: ['code'] },
      },
    ]);
    const read = (task: Task) => Object.keys(task).filter((k) => task[k as keyof Task] !== undefined);
    expect(read(page.tasks[0]).sort()).toEqual([
      'assigneeId',
      // A dunning case's task has no period: its customer is its own (null here: the period's).
      'customerId',
      'dueAt',
      'id',
      'periodId',
      'priority',
      'queue',
      'status',
      'title',
    ]);
    expect(page.periods[0].bridge).toBeUndefined();
    expect(page.periods[0].periodStart).toBe('2026-10-01');
    expect(page.customers[0].name).toBeUndefined();
    expect(page.customers[0].code).toMatch(/^QP/);
  });

  /** The database, counting statements and noting whether claimed tasks were read up to a bound. */
  function watched() {
    const seen = { statements: 0, bounded: 0 };
    const ds = Object.create(db.dataSource) as DataSource;
    ds.query = <T>(sql: string, parameters?: unknown[]): Promise<T> => {
      seen.statements += 1;
      if (sql.includes('ROW_NUMBER()')) seen.bounded += 1;
      return db.dataSource.query<T>(sql, parameters);
    };
    return { ds, seen };
  }

  const batchOf = (): QueueRequest[] => [
    { user: clerk('1'), first: 10 },
    { user: clerk('2'), first: 4 },
    { user: manager('3'), first: 10 },
    { user: clerk('2'), first: 6, after: { dueAt: new Date('2026-11-01T00:03:00Z'), priority: 1, id: '20' } },
  ];

  it('reads a batch of pages, with their periods and customers, in one statement', async () => {
    const { ds, seen } = watched();
    const pages = await readQueuePages(ds, batchOf());
    expect(seen.statements).toBe(1);
    batchOf().forEach((request, i) => {
      expect(pageIds(pages[i])).toEqual(expected(request));
      expect(pages[i].periods.length).toBeGreaterThan(0);
      for (const task of pages[i].tasks) {
        const period = pages[i].periods.find((p) => p.id === task.periodId);
        expect(period?.workflowId).toMatch(/^recon-QP/);
        expect(pages[i].customers.find((c) => c.id === period!.customerId)?.name).toMatch(/^客户 QP/);
      }
    });
  });

  it('with remembered bounds, reads claimed tasks up to them and gives every page its definition as tasks change', async () => {
    const bounds = new QueueBounds();
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const base = Date.parse('2026-11-01T00:00:00Z');
    let boundedReads = 0;
    for (let round = 0; round < 15; round++) {
      const { ds, seen } = watched();
      const requests = batchOf();
      const pages = await readQueuePages(ds, requests, bounds);
      requests.forEach((request, i) => expect(pageIds(pages[i])).toEqual(expected(request)));
      boundedReads += seen.bounded;
      // Between reads, people work: the most urgent open task is completed or claimed (the queue's
      // page now ends later than remembered), a task's due date moves, a claimed task is released.
      const open = tasks.filter((t) => t.status === TaskStatus.OPEN).sort(compareSla);
      const claimed = tasks.filter((t) => t.status === TaskStatus.CLAIMED);
      const change = random(4);
      if (change === 0 && open.length > 0)
        await ds.query("UPDATE tasks SET status = 'DONE' WHERE id = ?", [open[0].id]);
      if (change === 1 && open.length > 0)
        await ds.query("UPDATE tasks SET status = 'CLAIMED', assignee_id = ? WHERE id = ?", [
          String(1 + random(3)),
          open[random(Math.min(open.length, 12))].id,
        ]);
      if (change === 2) {
        const task = tasks[random(tasks.length)];
        await ds.query('UPDATE tasks SET due_at = ? WHERE id = ?', [
          new Date(base + random(20) * 60_000 - 5 * 60_000),
          task.id,
        ]);
      }
      if (change === 3 && claimed.length > 0)
        await ds.query("UPDATE tasks SET status = 'OPEN', assignee_id = NULL WHERE id = ?", [
          claimed[random(claimed.length)].id,
        ]);
      tasks = await db.dataSource.getRepository(Task).find();
    }
    expect(boundedReads).toBeGreaterThan(10);
  });

  it('reads a page again, up to the new end, when its queue no longer ends where it did', async () => {
    const bounds = new QueueBounds();
    const request: QueueRequest = { user: clerk('1'), first: 3 };
    await readQueuePages(db.dataSource, [request], bounds);
    // Every open clerk task up to well past the remembered end is done: the page now ends later,
    // and claimed tasks between the old and the new end may belong on it.
    const open = tasks
      .filter((t) => t.status === TaskStatus.OPEN && t.queue === TaskQueue.CLERK)
      .sort(compareSla);
    await db.dataSource.query(
      `UPDATE tasks SET status = 'DONE' WHERE id IN (${open
        .slice(0, 12)
        .map(() => '?')
        .join(', ')})`,
      open.slice(0, 12).map((t) => t.id),
    );
    tasks = await db.dataSource.getRepository(Task).find();
    const { ds, seen } = watched();
    const [page] = await readQueuePages(ds, [request], bounds);
    // Up to the old end (which no longer holds), then again up to the end that statement saw.
    expect(seen.bounded).toBe(2);
    expect(seen.statements).toBe(2);
    expect(pageIds(page)).toEqual(expected(request));
    expect(page.tasks.some((t) => t.status === TaskStatus.CLAIMED)).toBe(true);
  });
});
