import { captureLogs } from '../../observability/logger';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AuditEvent } from '../../entities/audit-event.entity';
import { Difference } from '../../entities/difference.entity';
import { DifferenceStatus, PeriodStatus, UserRole } from '../../contract/enums';
import { seedCustomer, type Line } from '../support/fixtures';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * #17 point 4 over HTTP on the real stack: askCustomer works, and an Update whose activity fails
 * answers at once (a refusal with its code; any other failure after a few quick retries), never a
 * retry loop behind a hanging request.
 */

jest.setTimeout(120_000);

let stack: PlatformStack;
const INVOICE: Line = { id: 'inv', date: '2026-10-03', ref: 'INV-100', kind: 'INVOICE', amount: '1000.00' };
const FEE: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-7', kind: 'OTHER', amount: '-15.00' };

beforeAll(async () => {
  stack = await startPlatformStack('update-failures');
});

afterAll(async () => {
  await stack?.stop();
});

async function periodWithDifference(code: string) {
  await seedCustomer(stack.h.db.dataSource, code, [INVOICE], [INVOICE, FEE]);
  const periodId = await stack.openPeriod(code, PeriodStatus.IN_REVIEW);
  const [difference] = await stack.h.db.dataSource
    .getRepository(Difference)
    .findBy({ periodId, status: DifferenceStatus.OPEN });
  return { periodId, differenceId: difference.id };
}

const ASK = `mutation ($p: ID!, $d: ID!, $q: String!) {
  askCustomer(periodId: $p, differenceId: $d, question: $q) { entityId }
}`;

test('askCustomer sends the question, records it and answers at once', async () => {
  const { periodId, differenceId } = await periodWithDifference('ASK1');
  const started = Date.now();
  const answer = await stack.call<{ askCustomer: { entityId: string } }>(
    ASK,
    { p: periodId, d: differenceId, q: '这笔 15 元手续费是什么？' },
    stack.staff[UserRole.CLERK],
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data?.askCustomer.entityId).toBe(differenceId);
  expect(Date.now() - started).toBeLessThan(10_000);
  const sent = readdirSync(stack.h.outbox).map((file) =>
    readFileSync(path.join(stack.h.outbox, file), 'utf8'),
  );
  expect(sent.some((mail) => mail.includes('这笔 15 元手续费是什么？'))).toBe(true);
  const difference = await stack.h.db.dataSource
    .getRepository(Difference)
    .findOneByOrFail({ id: differenceId });
  expect(difference.resolution).toBe('asked the customer: 这笔 15 元手续费是什么？');
  expect(
    await stack.h.db.dataSource
      .getRepository(AuditEvent)
      .countBy({ action: 'difference.customer_asked', entityId: differenceId }),
  ).toBe(1);
});

test('a refusal found by the activity answers at once with its code', async () => {
  const { periodId } = await periodWithDifference('ASK2');
  const started = Date.now();
  const answer = await stack.call(ASK, { p: periodId, d: '999999', q: 'why?' }, stack.staff[UserRole.CLERK]);
  expect(codes(answer)).toEqual(['NOT_FOUND']);
  expect(Date.now() - started).toBeLessThan(5_000);
});

test('an activity that keeps failing fails the Update within seconds, and the period stays usable', async () => {
  const { periodId, differenceId } = await periodWithDifference('ASK3');
  // The outbox (the mail transport of the test stack) becomes a file: every send fails.
  const outbox = stack.h.outbox;
  renameSync(outbox, `${outbox}.away`);
  writeFileSync(outbox, 'not a folder');
  let answer;
  const logged: string[] = [];
  const restoreLogs = captureLogs((line) => logged.push(line));
  const started = Date.now();
  try {
    answer = await stack.call(ASK, { p: periodId, d: differenceId, q: 'why?' }, stack.staff[UserRole.CLERK]);
  } finally {
    renameSync(outbox, `${outbox}.file`);
    renameSync(`${outbox}.away`, outbox);
  }
  expect(codes(answer)).toEqual(['INTERNAL_SERVER_ERROR']);
  // #17.17: the answer carries an id, and the log has the error under the same id.
  const errorId = (answer?.errors?.[0].extensions as { errorId?: string }).errorId;
  expect(errorId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  // One JSON line with the id, the request's id and the error (docs/operations.md "Metrics and logs").
  const entry = logged
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((e) => e.errorId === errorId);
  expect(entry).toMatchObject({ level: 'error', msg: `internal error ${errorId} in graphql` });
  expect(entry?.requestId).toBe((answer?.errors?.[0].extensions as { requestId?: string }).requestId);
  expect(Date.now() - started).toBeLessThan(15_000);
  restoreLogs();
  const retried = await stack.call<{ askCustomer: { entityId: string } }>(
    ASK,
    { p: periodId, d: differenceId, q: 'why?' },
    stack.staff[UserRole.CLERK],
  );
  expect(retried.data?.askCustomer.entityId).toBe(differenceId);
});
