import { issueApiKey } from '../../auth/api-keys';
import { DunningStarter } from '../../collections/dunning-starter';
import { getDunningState, paymentRecorded } from '../../contract/collections/dunning';
import { Permission } from '../../contract/permission';
import { UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { dateOfDay } from '../../formats/date';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { codes, gql, type GraphQLResponse } from '../support/api-client';
import { startHarnessApi, staffTokens } from '../support/harness-api';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';
import type { RunningApi } from '../../api/server';

const today = () => Math.floor(Date.now() / 86_400_000);
const day = (offset: number) => dateOfDay(today() + offset);

const CASES = `query ($c: String!) { dunningCases(customerCode: $c) {
  customerCode live { status levelsSent nextLevel overdue promise { promisedDate amount } dispute { reason } }
  cases { cycle status closeReason letters { level tone status totalOverdue } promises { status } disputes { status outcome } } } }`;
const PROMISE = `mutation ($c: String!, $d: Date!, $a: Decimal) {
  recordPromiseToPay(customerCode: $c, promisedDate: $d, amount: $a, note: "phoned") { promise { promisedDate amount } } }`;
const PAUSE = `mutation ($c: String!) { pauseDunning(customerCode: $c, reason: "INV price disputed") { dispute { reason } } }`;
const RESUME = `mutation ($c: String!, $o: DisputeOutcome!) { resumeDunning(customerCode: $c, outcome: $o, note: "checked") { version } }`;
const TASK_FIELDS = `id kind queue status periodId period { key } customer { code } dunningCaseId priority titleKind titleParams`;
const WORK = `query ($k: TaskKind) { workTasks(filter: { kind: $k }) { edges { node { ${TASK_FIELDS} } } } }`;
const MY_TASKS = `{ myTasks { edges { node { ${TASK_FIELDS} } } } }`;
const CLAIM_NEXT = `mutation ($k: TaskKind) { claimNextTask(filter: { kind: $k }) { id customer { code } status mine } }`;
const CLAIM = `mutation ($id: ID!) { claimTask(id: $id) { id status } }`;
const WORKLIST = `{ collectorWorklist { customerCode overdue daysOverdue riskClass priority lastLevel escalated } }`;
const BEHAVIOUR = `query ($c: String!) { paymentBehaviour(customerCode: $c) {
  currency openReceivables overdue oldestOverdueDays riskClass lettersSent dunningStatus paidItems averageDaysToPay } }`;
const KPIS = `query ($f: Date!, $t: Date!) { collectionKpis(from: $f, to: $t) {
  days openAtStart invoiced openAtEnd overdueAtEnd dso cei overdueShare promisesKept } }`;

describe('dunning over GraphQL (real API, Temporal and MariaDB)', () => {
  let h: PeriodHarness;
  let api: RunningApi;
  let bearer: Record<string, string>;
  const call = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    who: string,
  ): Promise<GraphQLResponse<T>> => gql<T>(`${api.url}/graphql`, query, variables, bearer[who]);

  const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (let i = 0; i < 150; i += 1) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`never: ${what}`);
  };
  const lettersOf = async (code: string) =>
    (
      (await h.db.dataSource.query(
        "SELECT l.level FROM dunning_letters l JOIN customers c ON c.id = l.customer_id WHERE c.code = ? AND l.status = 'SENT'",
        [code],
      )) as Array<{ level: number }>
    ).map((r) => Number(r.level));

  beforeAll(async () => {
    h = await startPeriodHarness('collections_api');
    api = await startHarnessApi(h);
    bearer = await staffTokens(h.db.dataSource, [
      ['clerk', UserRole.CLERK],
      ['manager', UserRole.MANAGER],
      ['auditor', UserRole.AUDITOR],
    ]);
    const customers = h.db.dataSource.getRepository(Customer);
    const c1 = await customers.save({ code: 'C1', name: 'risky small', currency: 'CNY' });
    const c2 = await customers.save({ code: 'C2', name: 'safe large', currency: 'CNY' });
    await customers.save({ code: 'C3', name: 'no case', currency: 'CNY' });
    await h.db.dataSource.query(
      "INSERT INTO credit_profiles (customer_id, risk_class, score) VALUES (?, 'D', 20), (?, 'A', 90)",
      [c1.id, c2.id],
    );
    // Net 30: C1's invoice is 10 days overdue (level 1 due), C2's 20 days (level 2 due).
    await upsertLedgerEntries(h.db.dataSource, [
      {
        customerCode: 'C1',
        source: 'erp',
        externalId: 'a',
        entryDate: day(-40),
        kind: 'INVOICE',
        amount: '1000',
        currency: 'CNY',
        docNo: 'INV-A',
      },
      {
        customerCode: 'C2',
        source: 'erp',
        externalId: 'b',
        entryDate: day(-50),
        kind: 'INVOICE',
        amount: '5000',
        currency: 'CNY',
        docNo: 'INV-B',
      },
    ]);
    const starter = new DunningStarter(h.env.client, h.taskQueue);
    await starter.start(c1, day(-10));
    await starter.start(c2, day(-20));
    await waitFor(
      async () => ((await lettersOf('C1')).length && (await lettersOf('C2')).length ? true : undefined),
      'letters',
    );
  }, 180_000);

  afterAll(async () => {
    for (const code of ['C1', 'C2', 'C5', 'C6'])
      await h?.env.client.workflow
        .getHandle(`dunning-${code}`)
        .terminate('test over')
        .catch(() => undefined);
    await api?.stop();
    await h?.stop();
  });

  it("shows a customer's cases with their letters and the live state", async () => {
    // The letter's row commits inside the send activity; the workflow counts the level once it hears
    // the activity finished (clean-clone CI on 9a13653 read in between: levelsSent []).
    const result = await waitFor(async () => {
      const answer = await call<{ dunningCases: { live?: { levelsSent?: unknown[] } } }>(
        CASES,
        { c: 'C1' },
        'auditor',
      );
      return answer.errors || answer.data?.dunningCases.live?.levelsSent?.length ? answer : undefined;
    }, 'the workflow to count its first letter');
    expect(result.errors).toBeUndefined();
    expect(result.data!.dunningCases).toMatchObject({
      customerCode: 'C1',
      live: { status: 'ACTIVE', levelsSent: [1], nextLevel: 2, overdue: '1000' },
      cases: [
        {
          cycle: day(-10),
          status: 'ACTIVE',
          letters: [{ level: 1, tone: 'FRIENDLY', status: 'SENT', totalOverdue: '1000' }],
        },
      ],
    });
    const none = await call<{ dunningCases: Record<string, unknown> }>(CASES, { c: 'C3' }, 'clerk');
    expect(none.data!.dunningCases).toEqual({ customerCode: 'C3', live: null, cases: [] });
    expect(codes(await call(CASES, { c: 'NO-SUCH' }, 'clerk'))).toEqual(['NOT_FOUND']);
  });

  it('orders the collector worklist by amount overdue × days × risk class', async () => {
    const result = await call<{ collectorWorklist: Array<Record<string, unknown>> }>(WORKLIST, {}, 'clerk');
    expect(result.errors).toBeUndefined();
    // C2: 5000 × 20 × 1 (A) = 100,000 before C1: 1000 × 10 × 4 (D) = 40,000.
    expect(result.data!.collectorWorklist).toEqual([
      {
        customerCode: 'C2',
        overdue: '5000',
        daysOverdue: 20,
        riskClass: 'A',
        priority: '100000',
        lastLevel: 2,
        escalated: false,
      },
      {
        customerCode: 'C1',
        overdue: '1000',
        daysOverdue: 10,
        riskClass: 'D',
        priority: '40000',
        lastLevel: 1,
        escalated: false,
      },
    ]);
  });

  it("puts each open case in the clerks' task queue (COLLECTION), in the worklist's order; a clerk claims it", async () => {
    type Edges = { edges: Array<{ node: Record<string, unknown> }> };
    const work = await call<{ workTasks: Edges }>(WORK, { k: 'COLLECTION' }, 'clerk');
    expect(work.errors).toBeUndefined();
    const nodes = work.data!.workTasks.edges.map((e) => e.node);
    // Both due at the end of today: the queue's order is the priority, 1,000 × log10(1 + the
    // worklist's product): C2 100,000 → 5000, C1 40,000 → 4602.
    expect(nodes).toEqual([
      expect.objectContaining({
        kind: 'COLLECTION',
        queue: 'CLERK',
        status: 'OPEN',
        periodId: null,
        period: null,
        customer: { code: 'C2' },
        priority: 5000,
        titleKind: 'COLLECTION',
        titleParams: { customer: 'C2 safe large', overdue: '5000', currency: 'CNY', days: 20, level: 2 },
      }),
      expect.objectContaining({ customer: { code: 'C1' }, priority: 4602, periodId: null }),
    ]);
    expect(nodes[0].dunningCaseId).toMatch(/^\d+$/);
    // The queue's own read (myTasks: the UNION of sources joined to periods and customers) shows them.
    const mine = await call<{ myTasks: Edges }>(MY_TASKS, {}, 'clerk');
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myTasks.edges.map((e) => (e.node.customer as { code: string }).code)).toEqual([
      'C2',
      'C1',
    ]);
    // An auditor works no queue.
    expect(codes(await call(CLAIM_NEXT, { k: 'COLLECTION' }, 'auditor'))).toEqual(['FORBIDDEN']);
    const claimed = await call<{ claimNextTask: Record<string, unknown> }>(
      CLAIM_NEXT,
      { k: 'COLLECTION' },
      'clerk',
    );
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data!.claimNextTask).toMatchObject({
      customer: { code: 'C2' },
      status: 'CLAIMED',
      mine: true,
    });
  });

  it('records a promise to pay for a collector, not for an auditor, and refuses a second one', async () => {
    expect(codes(await call(PROMISE, { c: 'C1', d: day(5), a: '500' }, 'auditor'))).toEqual(['FORBIDDEN']);
    const result = await call<{ recordPromiseToPay: Record<string, unknown> }>(
      PROMISE,
      { c: 'C1', d: day(5), a: '500' },
      'clerk',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordPromiseToPay).toEqual({ promise: { promisedDate: day(5), amount: '500' } });
    expect(codes(await call(PROMISE, { c: 'C1', d: day(6) }, 'clerk'))).toEqual(['WRONG_STATE']);
    expect(codes(await call(PROMISE, { c: 'C3', d: day(6) }, 'clerk'))).toEqual(['WRONG_STATE']);
    const status = await waitFor(async () => {
      const [row] = (await h.db.dataSource.query(
        "SELECT d.status FROM dunning_cases d JOIN customers c ON c.id = d.customer_id WHERE c.code = 'C1'",
      )) as Array<{ status: string }>;
      return row.status === 'PROMISED' ? row.status : undefined;
    }, 'C1 PROMISED');
    expect(status).toBe('PROMISED');
  });

  it('pauses with a dispute; a clerk may not uphold it (a manager may), and the case closes DISPUTED', async () => {
    const paused = await call<{ pauseDunning: Record<string, unknown> }>(PAUSE, { c: 'C2' }, 'clerk');
    expect(paused.errors).toBeUndefined();
    expect(paused.data!.pauseDunning).toEqual({ dispute: { reason: 'INV price disputed' } });
    expect(codes(await call(RESUME, { c: 'C2', o: 'UPHELD' }, 'clerk'))).toEqual(['FORBIDDEN']);
    const upheld = await call(RESUME, { c: 'C2', o: 'UPHELD' }, 'manager');
    expect(upheld.errors).toBeUndefined();
    await h.env.client.workflow.getHandle('dunning-C2').result();
    const cases = await call<{ dunningCases: { cases: unknown[] } }>(CASES, { c: 'C2' }, 'clerk');
    expect(cases.data!.dunningCases.cases).toEqual([
      expect.objectContaining({
        status: 'CLOSED',
        closeReason: 'DISPUTED',
        disputes: [{ status: 'RESOLVED', outcome: 'UPHELD' }],
      }),
    ]);
    // Closed: nothing more to pause.
    expect(codes(await call(PAUSE, { c: 'C2' }, 'clerk'))).toEqual(['WRONG_STATE']);
    // Its collection task (claimed by the clerk above) is closed with the case.
    expect(
      await h.db.dataSource.query(
        "SELECT t.type, t.status, t.outcome FROM tasks t JOIN customers c ON c.id = t.customer_id WHERE c.code = 'C2' ORDER BY t.id",
      ),
    ).toEqual([
      // The task of the case before its first letter, replaced by the letter's.
      {
        type: 'COLLECTION',
        status: 'CANCELLED',
        outcome: "superseded: the level 2 letter's task replaces it",
      },
      { type: 'COLLECTION', status: 'CANCELLED', outcome: 'the dunning case closed (DISPUTED)' },
    ]);
  });

  it("shows a customer's payment behaviour", async () => {
    const result = await call<{ paymentBehaviour: Record<string, unknown> }>(
      BEHAVIOUR,
      { c: 'C1' },
      'auditor',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.paymentBehaviour).toEqual({
      currency: 'CNY',
      openReceivables: '1000',
      overdue: '1000',
      oldestOverdueDays: 10,
      riskClass: 'D',
      lettersSent: 1,
      dunningStatus: 'PROMISED',
      paidItems: 0,
      averageDaysToPay: null,
    });
  });

  it('computes DSO, CEI and overdue share for managers and auditors, not clerks', async () => {
    const variables = { f: day(-60), t: day(0) };
    expect(codes(await call(KPIS, variables, 'clerk'))).toEqual(['FORBIDDEN']);
    const result = await call<{ collectionKpis: Record<string, unknown> }>(KPIS, variables, 'manager');
    expect(result.errors).toBeUndefined();
    // Nothing open at the start; 6,000 invoiced, all of it open and overdue at the end: 61 days.
    expect(result.data!.collectionKpis).toEqual({
      days: 61,
      openAtStart: '0',
      invoiced: '6000',
      openAtEnd: '6000',
      overdueAtEnd: '6000',
      dso: '61.00',
      cei: '0.00',
      overdueShare: '100.00',
      promisesKept: null,
    });
  });

  it('a receipt loaded through upsertLedgerEntries reaches the case at once: it closes PAID, no further letter', async () => {
    const c5 = await h.db.dataSource
      .getRepository(Customer)
      .save({ code: 'C5', name: 'pays after the reminder', currency: 'CNY' });
    await upsertLedgerEntries(h.db.dataSource, [
      {
        customerCode: 'C5',
        source: 'erp',
        externalId: 'c5-inv',
        entryDate: day(-40),
        kind: 'INVOICE',
        amount: '700',
        currency: 'CNY',
        docNo: 'INV-C5',
      },
    ]);
    const starter = new DunningStarter(h.env.client, h.taskQueue);
    await starter.start(c5, day(-10));
    await waitFor(async () => ((await lettersOf('C5')).length ? true : undefined), 'C5 reminder');
    // The next level is 5 days away: only the signal can make the case look before then.
    expect(await starter.handle('C5').query(getDunningState)).toMatchObject({
      status: 'ACTIVE',
      nextLevel: 2,
    });

    const erp = await issueApiKey(h.db.dataSource, 'erp', [Permission.WRITE_LEDGER]);
    const UPSERT = `mutation ($e: [LedgerEntryInput!]!) { upsertLedgerEntries(entries: $e) { created } }`;
    const paid = await gql<{ upsertLedgerEntries: { created: number } }>(
      `${api.url}/graphql`,
      UPSERT,
      {
        e: [
          {
            customerCode: 'C5',
            source: 'erp',
            externalId: 'c5-rc',
            entryDate: day(0),
            kind: 'RECEIPT',
            amount: '-700',
            currency: 'CNY',
            reference: 'INV-C5',
          },
        ],
      },
      `Bearer ${erp.key}`,
    );
    expect(paid.errors).toBeUndefined();
    expect(paid.data!.upsertLedgerEntries.created).toBe(1);
    const outcome = await starter.handle('C5').result();
    expect(outcome).toMatchObject({ closeReason: 'PAID', levelsSent: [1] });
    expect(await lettersOf('C5')).toEqual([1]);
  });

  it("escalates the final level as a manager's task (MANAGER queue): a clerk may not claim it; paid, it closes", async () => {
    const c6 = await h.db.dataSource
      .getRepository(Customer)
      .save({ code: 'C6', name: 'final notice', currency: 'CNY' });
    await upsertLedgerEntries(h.db.dataSource, [
      {
        customerCode: 'C6',
        source: 'erp',
        externalId: 'c6-inv',
        entryDate: day(-65),
        kind: 'INVOICE',
        amount: '900',
        currency: 'CNY',
        docNo: 'INV-C6',
      },
    ]);
    const starter = new DunningStarter(h.env.client, h.taskQueue);
    // 35 days overdue: the final level (+30) is the one due, and goes out at once.
    await starter.start(c6, day(-35));
    type Edges = { edges: Array<{ node: Record<string, unknown> }> };
    const escalation = await waitFor(async () => {
      const work = await call<{ workTasks: Edges }>(WORK, { k: 'DUNNING_ESCALATION' }, 'manager');
      return work.data?.workTasks.edges
        .map((e) => e.node)
        .find((n) => (n.customer as { code: string }).code === 'C6');
    }, 'C6 escalation task');
    expect(escalation).toMatchObject({
      kind: 'DUNNING_ESCALATION',
      queue: 'MANAGER',
      status: 'OPEN',
      period: null,
      titleKind: 'DUNNING_ESCALATION',
      titleParams: {
        customer: 'C6 final notice',
        overdue: '900',
        currency: 'CNY',
        level: 3,
        why: 'FINAL_NOTICE',
      },
    });
    expect(await lettersOf('C6')).toEqual([3]);
    // Not in a clerk's work, and a clerk may not take it.
    const clerkWork = await call<{ workTasks: Edges }>(WORK, { k: 'DUNNING_ESCALATION' }, 'clerk');
    expect(clerkWork.data!.workTasks.edges).toEqual([]);
    expect(codes(await call(CLAIM, { id: escalation.id }, 'clerk'))).toEqual(['FORBIDDEN']);
    const claimed = await call<{ claimTask: Record<string, unknown> }>(
      CLAIM,
      { id: escalation.id },
      'manager',
    );
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data!.claimTask).toEqual({ id: escalation.id, status: 'CLAIMED' });

    await upsertLedgerEntries(h.db.dataSource, [
      {
        customerCode: 'C6',
        source: 'erp',
        externalId: 'c6-rc',
        entryDate: day(0),
        kind: 'RECEIPT',
        amount: '-900',
        currency: 'CNY',
        reference: 'INV-C6',
      },
    ]);
    await starter.handle('C6').signal(paymentRecorded);
    expect(await starter.handle('C6').result()).toMatchObject({ closeReason: 'PAID' });
    expect(
      await h.db.dataSource.query(
        'SELECT type, queue, status, outcome FROM tasks WHERE customer_id = ? ORDER BY id',
        [c6.id],
      ),
    ).toEqual([
      {
        type: 'COLLECTION',
        queue: 'CLERK',
        status: 'CANCELLED',
        outcome: "superseded: the level 3 letter's task replaces it",
      },
      { type: 'COLLECTION', queue: 'CLERK', status: 'CANCELLED', outcome: 'the dunning case closed (PAID)' },
      {
        type: 'DUNNING_ESCALATION',
        queue: 'MANAGER',
        status: 'CANCELLED',
        outcome: 'the dunning case closed (PAID)',
      },
    ]);
  });
});
