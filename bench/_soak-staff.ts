import type { SoakRecorder } from './_soak-recorder';

/** How the soak's people behave: a pause between actions, a longer one when their queue is empty. */
export interface StaffPace {
  thinkMs: number;
  idleMs: number;
  /** True once the soak is over: each actor finishes the task in hand, then stops. */
  stopped(): boolean;
}

export interface StaffCounts {
  timing: number;
  proposed: number;
  approved: number;
  reviewsCompleted: number;
  batches: number;
  resent: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const MY_TASKS = `query { myTasks(first: 50) { edges { node { id kind status dueAt period { id key status customer { code name } } } } pageInfo { hasNextPage endCursor } } }`;
const MY_COUNTS = `query { myTaskCounts { total overdue mine unclaimed byKind { kind count } } }`;
const CLAIM_NEXT = `mutation ($kind: TaskKind!) { claimNextTask(filter: { kind: $kind }) { id kind periodId differenceId adjustmentId } }`;
const PERIOD = `query ($p: ID!) { period(id: $p) { id status workflowVersion bridgeTied differences(first: 20) { edges { node { id amount status } } } } }`;
const MARK_TIMING = `mutation ($p: ID!, $d: ID!) { markTiming(periodId: $p, differenceId: $d, note: "fee booked next month") { version } }`;
const PROPOSE = `mutation ($p: ID!, $d: ID!, $a: Decimal!) { proposeAdjustment(periodId: $p, amount: $a, entryDate: "2026-10-31", reason: "bank fee", differenceId: $d) { entityId version } }`;
const APPROVE = `mutation ($p: ID!, $a: ID!) { approveAdjustment(periodId: $p, adjustmentId: $a) { adjustments { id state } } }`;
const COMPLETE_REVIEW = `mutation ($p: ID!) { completeReview(periodId: $p) { id status } }`;
const UPSERT = `mutation ($entries: [LedgerEntryInput!]!) { upsertLedgerEntries(entries: $entries) { created unchanged } }`;

interface ClaimedTask {
  id: string;
  kind: string;
  periodId: string;
  differenceId: string | null;
  adjustmentId: string | null;
}
interface PeriodView {
  id: string;
  status: string;
  differences: { edges: Array<{ node: { id: string; amount: string; status: string } }> };
}

/** Claims the next task of a kind; on an empty queue refreshes the screen (list and counts) and waits. */
async function claimNext(
  r: SoakRecorder,
  auth: string,
  kind: string,
  pace: StaffPace,
): Promise<ClaimedTask | null> {
  const claimed = await r.request<{ claimNextTask: ClaimedTask | null }>('claimNextTask', auth, CLAIM_NEXT, {
    kind,
  });
  if (claimed?.claimNextTask) return claimed.claimNextTask;
  await r.request('myTasks', auth, MY_TASKS);
  await r.request('myTaskCounts', auth, MY_COUNTS);
  await sleep(pace.idleMs);
  return null;
}

/**
 * Opens the task's period as the period page does. A task can be visible a moment before its
 * period says IN_REVIEW (the task is written, then the status): a person would look again.
 */
async function openPeriod(r: SoakRecorder, auth: string, periodId: string): Promise<PeriodView | null> {
  for (let look = 0; look < 300; look += 1) {
    const answer = await r.request<{ period: PeriodView }>('period', auth, PERIOD, { p: periodId });
    if (!answer) return null;
    if (answer.period.status === 'IN_REVIEW') return answer.period;
    await sleep(100);
  }
  r.fail('period', 200, 'NOT_IN_REVIEW', `period ${periodId} never reached IN_REVIEW`);
  return null;
}

/** A clerk: takes the next difference, explains it as timing (even task ids) or proposes an adjustment. */
export async function clerk(r: SoakRecorder, auth: string, pace: StaffPace, counts: StaffCounts) {
  while (!pace.stopped()) {
    const task = await claimNext(r, auth, 'REVIEW_DIFFERENCE', pace);
    if (!task) continue;
    const period = await openPeriod(r, auth, task.periodId);
    const difference = period?.differences.edges.find((e) => e.node.id === task.differenceId)?.node;
    if (!period || !difference) {
      if (period) r.fail('period', 200, 'NO_DIFFERENCE', `task ${task.id}: difference not on its period`);
      continue;
    }
    await sleep(pace.thinkMs);
    if (Number(task.id) % 2 === 0) {
      const marked = await r.request('markTiming', auth, MARK_TIMING, { p: period.id, d: difference.id });
      if (!marked) continue;
      counts.timing += 1;
      await sleep(pace.thinkMs);
      if (await r.request('completeReview', auth, COMPLETE_REVIEW, { p: period.id }))
        counts.reviewsCompleted += 1;
    } else if (
      await r.request('proposeAdjustment', auth, PROPOSE, {
        p: period.id,
        d: difference.id,
        a: difference.amount,
      })
    )
      counts.proposed += 1;
    await sleep(pace.thinkMs);
  }
}

/** A manager: approves the next proposed adjustment (a clerk proposed it: maker ≠ checker), then ends the review. */
export async function manager(r: SoakRecorder, auth: string, pace: StaffPace, counts: StaffCounts) {
  while (!pace.stopped()) {
    const task = await claimNext(r, auth, 'APPROVE_ADJUSTMENT', pace);
    if (!task) continue;
    if (!(await openPeriod(r, auth, task.periodId))) continue;
    await sleep(pace.thinkMs);
    const approved = await r.request<{
      approveAdjustment: { adjustments: Array<{ id: string; state: string }> };
    }>('approveAdjustment', auth, APPROVE, { p: task.periodId, a: task.adjustmentId });
    if (!approved) continue;
    const state = approved.approveAdjustment.adjustments.find((a) => a.id === task.adjustmentId)?.state;
    if (state !== 'POSTED') {
      r.fail('approveAdjustment', 200, 'NOT_POSTED', `adjustment ${task.adjustmentId} is ${state}`);
      continue;
    }
    counts.approved += 1;
    await sleep(pace.thinkMs);
    if (await r.request('completeReview', auth, COMPLETE_REVIEW, { p: task.periodId }))
      counts.reviewsCompleted += 1;
  }
}

/** November's entries from the ERP for a spread of customers; batch b has its own external ids. */
function ledgerBatch(b: number, entries: number, customers: number) {
  return Array.from({ length: entries }, (_, i) => {
    const n = b * entries + i;
    return {
      customerCode: `S${String(1 + ((n * 7919) % customers)).padStart(6, '0')}`,
      source: 'soak-erp',
      externalId: `ERP-${b}-${i}`,
      entryDate: `2026-11-${String(1 + (n % 28)).padStart(2, '0')}`,
      docNo: `INV-2611-${n}`,
      kind: n % 10 === 9 ? 'RECEIPT' : 'INVOICE',
      amount: `${n % 10 === 9 ? '-' : ''}${100 + (n % 9000)}.${String(n % 100).padStart(2, '0')}`,
      currency: 'CNY',
    };
  });
}

/**
 * The integrator: a ledger batch every `everyMs`; every third time it sends the previous batch
 * again first, as an ERP retrying a batch whose answer it lost (every entry must be UNCHANGED).
 */
export async function integrator(
  r: SoakRecorder,
  auth: string,
  pace: StaffPace,
  counts: StaffCounts,
  batch: { entries: number; everyMs: number; customers: number },
) {
  type Upserted = { upsertLedgerEntries: { created: number; unchanged: number } };
  for (let b = 0; !pace.stopped(); b += 1) {
    if (b > 0 && b % 3 === 0) {
      const again = await r.request<Upserted>('upsertLedgerEntries', auth, UPSERT, {
        entries: ledgerBatch(b - 1, batch.entries, batch.customers),
      });
      if (again && again.upsertLedgerEntries.unchanged !== batch.entries)
        r.fail('upsertLedgerEntries', 200, 'NOT_UNCHANGED', JSON.stringify(again.upsertLedgerEntries));
      else if (again) counts.resent += 1;
    }
    const sent = await r.request<Upserted>('upsertLedgerEntries', auth, UPSERT, {
      entries: ledgerBatch(b, batch.entries, batch.customers),
    });
    if (sent && sent.upsertLedgerEntries.created !== batch.entries)
      r.fail('upsertLedgerEntries', 200, 'NOT_CREATED', JSON.stringify(sent.upsertLedgerEntries));
    else if (sent) counts.batches += 1;
    await sleep(batch.everyMs);
  }
}
