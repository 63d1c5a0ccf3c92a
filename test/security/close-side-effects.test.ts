import { readdirSync, rmSync } from 'node:fs';
import type { QueryRunner } from 'typeorm';
import { AuditEvent } from '../../entities/audit-event.entity';
import { Difference } from '../../entities/difference.entity';
import { ActorType, DifferenceStatus, PeriodStatus, UserRole } from '../../contract/enums';
import { approveAdjustment, proposeAdjustment } from '../../contract/period';
import type { StatementMessage, StatementTransport } from '../../notifications/statement-transport';
import { OutboxTransport } from '../../notifications/outbox-transport';
import { seedCustomer, type Line } from '../support/fixtures';
import { someoneWaits } from '../support/lock-waits';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * What a review action does outside its own row must not outlive a close by exception that comes
 * in between (#17 probe, the known cases):
 * - an approval is two transactions (the approval, then the posting); a close taken between them
 *   closed the period and then saw the adjustment's ledger entry posted into it;
 * - `askCustomer` mailed its question and only then found the period closed: the customer got a
 *   question the record does not hold (the action was refused).
 */
jest.setTimeout(150_000);

/** The stack's mail transport, which can hold back the next message of a kind until told. */
class GatedTransport implements StatementTransport {
  private gate?: { prefix: string; reached: () => void; open: Promise<void> };
  constructor(private readonly inner: StatementTransport) {}

  /** Holds the next message whose id starts with `prefix`: resolves when it arrives, gives the release. */
  hold(prefix: string): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    const open = new Promise<void>((resolve) => (release = resolve));
    this.gate = { prefix, reached, open };
    return { reached: arrived, release };
  }

  async send(message: StatementMessage): Promise<void> {
    const gate = this.gate;
    if (gate && message.messageId.startsWith(gate.prefix)) {
      this.gate = undefined;
      gate.reached();
      await gate.open;
    }
    await this.inner.send(message);
  }
}

let stack: PlatformStack;
let transport: GatedTransport;
let outbox: string;
const INVOICE: Line = { id: 'inv', date: '2026-10-03', ref: 'INV-100', kind: 'INVOICE', amount: '1000.00' };
const FEE: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-7', kind: 'OTHER', amount: '-15.00' };
const CLERK = { id: 'user:9101', type: ActorType.USER, name: 'clerk' };
const OTHER_CLERK = { id: 'user:9102', type: ActorType.USER, name: 'other clerk' };
const CLOSE =
  'mutation ($p: ID!) { closePeriodByException(periodId: $p, reason: "write-off agreed") { status } }';
const ASK = `mutation ($p: ID!, $d: ID!, $q: String!) {
  askCustomer(periodId: $p, differenceId: $d, question: $q) { entityId }
}`;

beforeAll(async () => {
  outbox = `/tmp/probe-close-side-effects-${process.pid}`;
  transport = new GatedTransport(new OutboxTransport(outbox));
  stack = await startPlatformStack('close_side_effects', {}, { transport });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(outbox, { recursive: true, force: true });
});

async function periodInReview(code: string) {
  await seedCustomer(stack.h.db.dataSource, code, [INVOICE], [INVOICE, FEE]);
  const periodId = await stack.openPeriod(code, PeriodStatus.IN_REVIEW);
  const [difference] = await stack.h.db.dataSource
    .getRepository(Difference)
    .findBy({ periodId, status: DifferenceStatus.OPEN });
  const [{ workflowId }] = (await stack.h.db.dataSource.query(
    'SELECT workflow_id AS workflowId FROM reconciliation_periods WHERE id = ?',
    [periodId],
  )) as Array<{ workflowId: string }>;
  return { periodId, differenceId: difference.id, workflowId };
}

async function holdLock(sql: string, params: unknown[]): Promise<QueryRunner> {
  const runner = stack.h.db.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(sql, params);
  return runner;
}

const periodClosed = async (periodId: string) => {
  const [row] = (await stack.h.db.dataSource.query(
    'SELECT closed_at AS closedAt FROM reconciliation_periods WHERE id = ?',
    [periodId],
  )) as Array<{ closedAt: Date | null }>;
  return row.closedAt !== null;
};

/** Polls until `done` or the time is up; says whether it came. */
async function until(done: () => Promise<boolean>, ms = 20_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms;) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** The period's audit actions, and those written after its close. */
async function audit(periodId: string) {
  const actions = (
    await stack.h.db.dataSource.getRepository(AuditEvent).find({ where: { periodId }, order: { id: 'ASC' } })
  ).map((e) => e.action);
  const close = actions.findIndex((a) => a.startsWith('period.closed'));
  return { actions, closed: close >= 0, after: close >= 0 ? actions.slice(close + 1) : [] };
}

test('an approval whose entry is being posted holds off a close by exception; nothing posts after a close', async () => {
  const { periodId, differenceId, workflowId } = await periodInReview('CSE1');
  const handle = stack.h.periods.handle(workflowId);
  const { entityId: adjustmentId } = await handle.executeUpdate(proposeAdjustment, {
    args: [{ actor: CLERK, amount: '-15.00', entryDate: '2026-10-31', reason: 'bank fee', differenceId }],
  });
  // The posting's insert waits on a gap lock of the entry's key: the approval has committed, the
  // entry is not posted yet.
  const held = await holdLock(
    "SELECT id FROM ledger_entries WHERE source = 'recon-adjustment' AND external_id = ? FOR UPDATE",
    [`adjustment-${adjustmentId}`],
  );
  const approval = handle
    .executeUpdate(approveAdjustment, { args: [{ actor: OTHER_CLERK, adjustmentId }] })
    .then(
      () => 'OK',
      (error: { cause?: { type?: string } }) => error.cause?.type ?? String(error),
    );
  let firstClose: Array<string | undefined> = [];
  try {
    expect(await someoneWaits(stack.h.db.dataSource)).toBe(true);
    const approved = await stack.h.db.dataSource.query('SELECT status FROM adjustments WHERE id = ?', [
      adjustmentId,
    ]);
    expect(approved).toEqual([{ status: 'APPROVED' }]);
    firstClose = codes(await stack.call(CLOSE, { p: periodId }, stack.staff[UserRole.MANAGER]));
    // Before: admitted, and the close committed while the entry waited.
    if (firstClose.length === 0) await until(() => periodClosed(periodId), 10_000);
  } finally {
    await held.rollbackTransaction();
    await held.release();
  }
  expect(await approval).toBe('OK');
  expect([[], ['WRONG_STATE']]).toContainEqual(firstClose);
  // Posted, the close is taken.
  if (firstClose.length > 0)
    expect(codes(await stack.call(CLOSE, { p: periodId }, stack.staff[UserRole.MANAGER]))).toEqual([]);
  await stack.h.waitForStatus(workflowId, PeriodStatus.CLOSED);
  const { actions, after } = await audit(periodId);
  // Before: ['adjustment.posted'] (and its ledger entry) came after period.closed_by_exception.
  expect(after).toEqual([]);
  expect(actions).toContain('adjustment.posted');
  expect(firstClose).toEqual(['WRONG_STATE']);
});

test('askCustomer mails its question only if the period is still open as the question is recorded', async () => {
  const { periodId, differenceId, workflowId } = await periodInReview('CSE2');
  const gate = transport.hold(`question-${periodId}-`);
  const ask = stack.call(
    ASK,
    { p: periodId, d: differenceId, q: 'what is this fee?' },
    stack.staff[UserRole.CLERK],
  );
  let close: Array<string | undefined> = [];
  try {
    await gate.reached; // the question passed its check and is being mailed
    close = codes(await stack.call(CLOSE, { p: periodId }, stack.staff[UserRole.MANAGER]));
    // Before: the close committed while the mail was going out. Now it waits for the question.
    const closedOrWaits = await someoneWaits(stack.h.db.dataSource, {
      timeoutMs: 10_000,
      unless: () => periodClosed(periodId),
    });
    expect(closedOrWaits || (await periodClosed(periodId))).toBe(true);
  } finally {
    gate.release();
  }
  const asked = codes(await ask);
  expect(close).toEqual([]);
  await stack.h.waitForStatus(workflowId, PeriodStatus.CLOSED);
  const mailed = readdirSync(outbox).filter((f) => f.startsWith(`question-${periodId}-`));
  const { actions, after } = await audit(periodId);
  const recorded = actions.includes('difference.customer_asked');
  // Before: WRONG_STATE, no record of the question, and its mail in the outbox.
  expect({ asked, mailed: mailed.length, recorded, after }).toEqual({
    asked: [],
    mailed: 1,
    recorded: true,
    after: [],
  });
});
