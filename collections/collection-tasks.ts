// A dunning case's work as tasks of the queue (#21): a collector's COLLECTION task while the case is
// open, a manager's DUNNING_ESCALATION when it is handed to them; both closed with the case.
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, SYSTEM_ACTORS } from '../contract/actor';
import { dunningWorkflowId } from '../contract/collections/dunning';
import { TaskQueue, TaskStatus, TaskType } from '../contract/enums';
import { DunningCaseStatus } from '../contract/credit/enums';
import { taskTitleColumns, TaskTitleKind } from '../contract/task-title';
import { riskClassesOf } from '../credit/risk-class';
import { insertedCount } from '../db/inserted-count';
import { Task } from '../entities/task.entity';
import { dateOfDay, dayNumber } from '../formats/date';
import { publishTasksCreated } from '../webhooks/domain-events';
import { overdueOfCustomers } from './overdue';
import { taskPriorityOf } from './worklist-order';

const DAY_MS = 86_400_000;
const STILL_OPEN = [TaskStatus.OPEN, TaskStatus.CLAIMED];
/** A manager answers an escalation within this (the task's SLA). */
export const ESCALATION_SLA_DAYS = 2;

/** Which cases to bring up to date: one, a customer's open ones, or every case not closed. */
export type CaseSelection = { caseId: string } | { customerId: string } | { allOpen: true };

interface CaseRow {
  id: string;
  customer_id: string;
  status: DunningCaseStatus;
  close_reason: string | null;
  code: string;
  name: string;
  currency: string;
  last_level: number | string;
}

export interface CollectionTaskSync {
  created: number;
  updated: number;
  cancelled: number;
}

/** A collection task's key: one per case and letter level (level 0: before the first letter). */
export const collectionTaskKey = (caseId: string, level: number) => `dunning:${caseId}:L${level}`;
/** An escalation task's key: one per escalation row (dunning_escalations: case + key). */
export const escalationTaskKey = (escalationId: string) => `dunning-escalation:${escalationId}`;

/** The start of the UTC day after `asOf`: a collection task is today's work. */
const dueOfDay = (asOf: string) => new Date((dayNumber(asOf) + 1) * DAY_MS);

/**
 * Brings the collection tasks of the selected cases up to date at `asOf`, in one transaction:
 *
 * - a closed case: its open and claimed tasks (collection and escalation) are CANCELLED, with why;
 * - an open one: the task of its last letter level exists (created once, by its key), and every
 *   task of the case still open gets today's priority (amount overdue × days × risk class,
 *   worklist-order.ts) and is due at the end of `asOf`; an older level's task nobody claimed is
 *   CANCELLED (superseded: the new letter's task replaces it). A claimed one stays its collector's.
 *
 * Idempotent: run again, it changes nothing. The dunning activities run it after each step of the
 * case, and the daily fan-out for every open case (days overdue grow every day).
 */
export async function syncCollectionTasks(
  dataSource: DataSource,
  selection: CaseSelection,
  asOf: string,
  at: Date,
): Promise<CollectionTaskSync> {
  return dataSource.transaction((manager) => syncIn(manager, selection, asOf, at));
}

async function syncIn(
  manager: EntityManager,
  selection: CaseSelection,
  asOf: string,
  at: Date,
): Promise<CollectionTaskSync> {
  const [where, params] =
    'caseId' in selection
      ? ['d.id = ?', [selection.caseId]]
      : 'customerId' in selection
        ? ['d.customer_id = ? AND d.status <> ?', [selection.customerId, DunningCaseStatus.CLOSED]]
        : // A closed case whose tasks are still open (its closing step failed after the close) too.
          [
            `(d.status <> ? OR d.id IN (SELECT dunning_case_id FROM tasks
               WHERE dunning_case_id IS NOT NULL AND status IN (?, ?)))`,
            [DunningCaseStatus.CLOSED, ...STILL_OPEN],
          ];
  const cases = (await manager.query(
    `SELECT CAST(d.id AS CHAR) AS id, CAST(d.customer_id AS CHAR) AS customer_id, d.status, d.close_reason,
            c.code, c.name, c.currency,
            (SELECT COALESCE(MAX(l.level), 0) FROM dunning_letters l
              WHERE l.case_id = d.id AND l.status = 'SENT') AS last_level
       FROM dunning_cases d JOIN customers c ON c.id = d.customer_id WHERE ${where}`,
    params,
  )) as CaseRow[];
  const sync: CollectionTaskSync = { created: 0, updated: 0, cancelled: 0 };
  const closed = cases.filter((c) => c.status === DunningCaseStatus.CLOSED);
  for (const c of closed) sync.cancelled += await cancelCaseTasks(manager, c, at);
  const open = cases.filter((c) => c.status !== DunningCaseStatus.CLOSED);
  if (open.length === 0) return sync;
  const customers = open.map((c) => ({ id: c.customer_id, currency: c.currency }));
  const [overdue, risk] = await Promise.all([
    overdueOfCustomers(manager, customers, asOf),
    riskClassesOf(
      manager,
      open.map((c) => c.customer_id),
    ),
  ]);
  const dueAt = dueOfDay(asOf);
  const createdKeys: string[] = [];
  for (const c of open) {
    const owed = overdue.get(c.customer_id)!;
    const level = Number(c.last_level);
    const priority = taskPriorityOf({
      customerId: c.customer_id,
      overdue: owed.overdue,
      daysOverdue: owed.oldestDays,
      riskClass: risk.get(c.customer_id)!,
    });
    const title = taskTitleColumns({
      kind: TaskTitleKind.COLLECTION,
      params: {
        customer: `${c.code} ${c.name}`,
        overdue: owed.overdue,
        currency: c.currency,
        days: owed.oldestDays,
        level,
      },
    });
    const key = collectionTaskKey(c.id, level);
    const inserted = await insertCollectionTask(manager, {
      customerId: c.customer_id,
      caseId: c.id,
      customerCode: c.code,
      key,
      queue: TaskQueue.CLERK,
      type: TaskType.COLLECTION,
      dueAt,
      priority,
      title,
    });
    if (inserted) {
      sync.created += 1;
      createdKeys.push(key);
    }
    const superseded = (await manager.query(
      `UPDATE tasks SET status = ?, outcome = ?, completed_at = ?, version = version + 1
        WHERE dunning_case_id = ? AND type = ? AND status = ? AND idempotency_key <> ?`,
      [
        TaskStatus.CANCELLED,
        `superseded: the level ${level} letter's task replaces it`,
        at,
        c.id,
        TaskType.COLLECTION,
        TaskStatus.OPEN,
        key,
      ],
    )) as { affectedRows?: number };
    sync.cancelled += superseded.affectedRows ?? 0;
    // Only what changed is written (a second run writes nothing); the title follows the amounts.
    const updated = (await manager.query(
      `UPDATE tasks SET priority = ?, due_at = IF(type = ?, ?, due_at), title = IF(type = ?, ?, title),
              title_params = IF(type = ?, ?, title_params), version = version + 1
        WHERE dunning_case_id = ? AND status IN (?, ?)
          AND NOT (priority <=> ? AND (type <> ? OR (due_at <=> ? AND title <=> ? AND title_params <=> ?)))`,
      [
        priority,
        TaskType.COLLECTION,
        dueAt,
        TaskType.COLLECTION,
        title.title,
        TaskType.COLLECTION,
        JSON.stringify(title.titleParams),
        c.id,
        ...STILL_OPEN,
        priority,
        TaskType.COLLECTION,
        dueAt,
        title.title,
        JSON.stringify(title.titleParams),
      ],
    )) as { affectedRows?: number };
    sync.updated += updated.affectedRows ?? 0;
  }
  await publishTasksCreated(manager, createdKeys);
  if (sync.created + sync.cancelled > 0)
    await appendAudit(manager, {
      ...auditFields(SYSTEM_ACTORS.dunning),
      action: 'dunning.tasks_synced',
      entityType: 'dunning_case',
      entityId:
        'caseId' in selection
          ? selection.caseId
          : 'customerId' in selection
            ? `customer:${selection.customerId}`
            : 'all-open',
      after: { asOf, ...sync },
    });
  return sync;
}

async function cancelCaseTasks(manager: EntityManager, c: CaseRow, at: Date): Promise<number> {
  const result = (await manager.query(
    `UPDATE tasks SET status = ?, outcome = ?, completed_at = ?, version = version + 1
      WHERE dunning_case_id = ? AND status IN (?, ?)`,
    [
      TaskStatus.CANCELLED,
      `the dunning case closed (${c.close_reason ?? 'closed'})`,
      at,
      c.id,
      ...STILL_OPEN,
    ],
  )) as { affectedRows?: number };
  return result.affectedRows ?? 0;
}

/**
 * The manager's task for an escalation (the final level went out, or a promise broke after it), in
 * the escalation's transaction: MANAGER queue, due in ESCALATION_SLA_DAYS, the case's priority.
 * Once per escalation row (its key), so a retried activity creates it once.
 */
export async function createEscalationTask(
  manager: EntityManager,
  input: { escalationId: string; caseId: string; customerId: string; level: number; why: string; at: Date },
): Promise<string> {
  const key = escalationTaskKey(input.escalationId);
  const [customer] = (await manager.query('SELECT code, name, currency FROM customers WHERE id = ?', [
    input.customerId,
  ])) as Array<{ code: string; name: string; currency: string }>;
  const asOf = dateOfDay(Math.floor(input.at.getTime() / DAY_MS));
  const owed = (
    await overdueOfCustomers(manager, [{ id: input.customerId, currency: customer.currency }], asOf)
  ).get(input.customerId)!;
  const riskClass = (await riskClassesOf(manager, [input.customerId])).get(input.customerId)!;
  const inserted = await insertCollectionTask(manager, {
    customerId: input.customerId,
    caseId: input.caseId,
    customerCode: customer.code,
    key,
    queue: TaskQueue.MANAGER,
    type: TaskType.DUNNING_ESCALATION,
    dueAt: new Date(input.at.getTime() + ESCALATION_SLA_DAYS * DAY_MS),
    priority: taskPriorityOf({
      customerId: input.customerId,
      overdue: owed.overdue,
      daysOverdue: owed.oldestDays,
      riskClass,
    }),
    title: taskTitleColumns({
      kind: TaskTitleKind.DUNNING_ESCALATION,
      params: {
        customer: `${customer.code} ${customer.name}`,
        overdue: owed.overdue,
        currency: customer.currency,
        level: input.level,
        why: input.why,
      },
    }),
  });
  if (inserted) await publishTasksCreated(manager, [key]);
  const [row] = (await manager.query('SELECT CAST(id AS CHAR) AS id FROM tasks WHERE idempotency_key = ?', [
    key,
  ])) as Array<{ id: string }>;
  return row.id;
}

/** A task of a dunning case: the collector's (COLLECTION) or the manager's (DUNNING_ESCALATION). */
interface CaseTask {
  customerId: string;
  caseId: string;
  customerCode: string;
  /** Its idempotency key: the task is inserted once per key. */
  key: string;
  queue: TaskQueue;
  type: TaskType.COLLECTION | TaskType.DUNNING_ESCALATION;
  dueAt: Date;
  priority: number;
  title: ReturnType<typeof taskTitleColumns>;
}

/** Inserts a dunning case's task unless its key exists; true when this call inserted it. */
async function insertCollectionTask(manager: EntityManager, task: CaseTask): Promise<boolean> {
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(Task)
    .values({
      periodId: null,
      customerId: task.customerId,
      dunningCaseId: task.caseId,
      workflowId: dunningWorkflowId(task.customerCode),
      idempotencyKey: task.key,
      queue: task.queue,
      type: task.type,
      dueAt: task.dueAt,
      priority: task.priority,
      ...task.title,
    })
    .orIgnore()
    .execute();
  return insertedCount(inserted) > 0;
}
