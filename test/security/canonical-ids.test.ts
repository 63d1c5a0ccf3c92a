import { AuditEvent } from '../../entities/audit-event.entity';
import { Task } from '../../entities/task.entity';
import { PeriodStatus, TaskStatus, UserRole } from '../../contract/enums';
import { seedCustomer, type Line } from '../support/fixtures';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * #17 point 16 over HTTP on the real stack: an id that is not written canonically is refused with
 * BAD_USER_INPUT before anything runs (it used to claim task 2 and store the raw text in the audit
 * log), in literals and in variables, inside lists and input objects too.
 */

jest.setTimeout(120_000);

let stack: PlatformStack;
let taskId: string;
const INVOICE: Line = { id: 'inv', date: '2026-10-03', ref: 'INV-100', kind: 'INVOICE', amount: '1000.00' };
const FEE: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-7', kind: 'OTHER', amount: '-15.00' };

beforeAll(async () => {
  stack = await startPlatformStack('canonical-ids');
  await seedCustomer(stack.h.db.dataSource, 'IDS', [INVOICE], [INVOICE, FEE]);
  const periodId = await stack.openPeriod('IDS', PeriodStatus.IN_REVIEW);
  const task = await stack.h.db.dataSource
    .getRepository(Task)
    .findOneByOrFail({ periodId, status: TaskStatus.OPEN });
  taskId = task.id;
});

afterAll(async () => {
  await stack?.stop();
});

const CLAIM = 'mutation ($id: ID!) { claimTask(id: $id) { id status } }';

test.each([
  ['SQL in an id', (id: string) => `${id} OR 1=1`],
  ['a trailing suffix', (id: string) => `${id}abc`],
  ['a leading space', (id: string) => ` ${id}`],
  ['a leading zero', (id: string) => `0${id}`],
  ['a sign', (id: string) => `+${id}`],
])('%s is BAD_USER_INPUT, and nothing is claimed', async (_label, forge) => {
  const forged = forge(taskId);
  for (const answer of [
    await stack.call(CLAIM, { id: forged }, stack.staff[UserRole.CLERK]),
    await stack.call(
      `mutation { claimTask(id: ${JSON.stringify(forged)}) { id } }`,
      {},
      stack.staff[UserRole.CLERK],
    ),
  ]) {
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors?.[0].message).toContain(JSON.stringify(forged));
  }
  const task = await stack.h.db.dataSource.getRepository(Task).findOneByOrFail({ id: taskId });
  expect(task.status).toBe(TaskStatus.OPEN);
});

test('ids inside lists are checked one by one, and the message names the item', async () => {
  const answer = await stack.call(
    'mutation ($p: ID!, $l: [ID!]!, $s: [ID!]!) { matchManually(periodId: $p, ledgerEntryIds: $l, statementLineIds: $s, note: "n") { entityId } }',
    { p: '1', l: ['1', '2;DROP'], s: ['3'] },
    stack.staff[UserRole.CLERK],
  );
  expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
  expect(answer.errors?.[0].message).toContain('$l[1] "2;DROP"');
  expect((answer.errors?.[0].extensions as { problems: unknown }).problems).toEqual([
    { index: 1, field: 'l', reason: expect.stringMatching(/not an id/) },
  ]);
});

test('a canonical id works, and the audit log stores it as given', async () => {
  const answer = await stack.call<{ claimTask: { id: string; status: string } }>(
    CLAIM,
    { id: taskId },
    stack.staff[UserRole.CLERK],
  );
  expect(answer.data?.claimTask).toEqual({ id: taskId, status: 'CLAIMED' });
  const events = await stack.h.db.dataSource.getRepository(AuditEvent).findBy({ action: 'task.claimed' });
  expect(events.map((event) => event.entityId)).toEqual([taskId]);
});
