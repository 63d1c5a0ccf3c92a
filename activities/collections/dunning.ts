import { ApplicationFailure } from '@temporalio/activity';
import type { DunningActivities } from '../../contract/collections/dunning';
import { escalateCase, openCase, setCaseStatus } from '../../collections/dunning-cases';
import { recordDispute, resolveDispute } from '../../collections/dunning-disputes';
import { sendLetter } from '../../collections/dunning-letters';
import { recordPromise, settlePromise } from '../../collections/dunning-promises';
import { startDunningBatch } from '../../collections/dunning-batch';
import { syncCollectionTasks } from '../../collections/collection-tasks';
import { overdueOfCustomers } from '../../collections/overdue';
import { Customer } from '../../entities/customer.entity';
import { renderReport } from '../../reports';
import { dateOfDay, isIsoDate } from '../../formats/date';
import { DEFAULT_COMPANY_NAME, type ActivityDeps } from '../activity-deps';

const todayOf = (at: Date) => dateOfDay(Math.floor(at.getTime() / 86_400_000));

const requireDay = (value: string, field: string) => {
  if (!isIsoDate(value))
    throw ApplicationFailure.nonRetryable(`${field}: a date YYYY-MM-DD, got ${value}`, 'INVALID_REQUEST');
};

/**
 * The dunning workflows' activities over MySQL (collections/ does the work). Each is idempotent
 * under retries: cases by customer + cycle, letters by customer + cycle + level, one open promise
 * and one open dispute per case, escalations by case + key.
 */
export function createDunningActivities(deps: ActivityDeps): DunningActivities {
  const { dataSource } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    async openDunningCase(input) {
      requireDay(input.cycle, 'cycle');
      const opened = await openCase(dataSource, input);
      await syncCollectionTasks(dataSource, { caseId: opened.caseId }, todayOf(now()), now());
      return opened;
    },
    async overdueOf(input) {
      requireDay(input.asOf, 'asOf');
      const customer = await dataSource.getRepository(Customer).findOneByOrFail({ id: input.customerId });
      const overdue = (await overdueOfCustomers(dataSource, [customer], input.asOf)).get(customer.id)!;
      // Each look brings the collector's task up to date (amount and days: its place in the queue).
      await syncCollectionTasks(dataSource, { customerId: customer.id }, input.asOf, now());
      return { overdue: overdue.overdue, paid: overdue.overdueUnits === 0n };
    },
    async sendDunningLetter(input) {
      requireDay(input.asOf, 'asOf');
      const sent = await sendLetter(
        {
          dataSource,
          transport: deps.transport,
          renderLetter: (data) => renderReport('dunning', data, 'pdf', 'bilingual'),
          companyName: deps.companyName ?? DEFAULT_COMPANY_NAME,
          companyContact: deps.companyContact,
          now,
        },
        input,
      );
      // The letter's level has its follow-up task (a retry finds it made and changes nothing).
      await syncCollectionTasks(dataSource, { caseId: input.caseId }, input.asOf, now());
      return sent;
    },
    async escalateDunning(input) {
      const { taskId } = await escalateCase(dataSource, { ...input, at: now() });
      return { taskId };
    },
    async setDunningCaseStatus(input) {
      await setCaseStatus(dataSource, { ...input, at: now() });
      // Closed: its tasks are cancelled (paid, or the dispute upheld).
      await syncCollectionTasks(dataSource, { caseId: input.caseId }, todayOf(now()), now());
    },
    async recordPromise(input) {
      requireDay(input.promisedDate, 'promisedDate');
      return recordPromise(dataSource, input);
    },
    async settlePromise(input) {
      requireDay(input.asOf, 'asOf');
      return settlePromise(dataSource, input);
    },
    async recordDispute(input) {
      return recordDispute(dataSource, input);
    },
    async resolveDispute(input) {
      await resolveDispute(dataSource, { ...input, at: now() });
    },
    async refreshCollectionTasks(input) {
      requireDay(input.asOf, 'asOf');
      return syncCollectionTasks(dataSource, { allOpen: true }, input.asOf, now());
    },
    async startDunningBatch(input) {
      requireDay(input.asOf, 'asOf');
      if (!deps.dunning)
        throw new Error(
          'startDunningBatch needs the dunning starter (a Temporal client) in its dependencies',
        );
      return startDunningBatch(dataSource, deps.dunning, input);
    },
  };
}
