import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { balancesOf, openPeriodsOf } from '../../customers/customer.service';
import { Customer } from '../../entities/customer.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import type { WebhookAttempt } from '../../entities/webhook-attempt.entity';
import type { Money } from '../../money/decimal';
import { attemptsOf } from '../../webhooks/webhook.service';
import { deferredColumnsLoader } from './deferred-columns';
import { PrimedLoader } from './primed-loader';

const periodDocuments = (dataSource: DataSource) =>
  deferredColumnsLoader(dataSource, ReconciliationPeriod, ['bridge', 'matchStats']);
const customerSettings = (dataSource: DataSource) =>
  deferredColumnsLoader(dataSource, Customer, ['ruleSettings', 'workflowSettings']);

/**
 * Per-request batching: a page of periods loads its customers in one query, a page of customers
 * their balances in one more, not N each. Each loader is made on first use: most requests need
 * one or two of them.
 */
export class RequestLoaders {
  private customers?: PrimedLoader<Customer | undefined>;
  private periods?: PrimedLoader<ReconciliationPeriod | undefined>;
  private documents?: ReturnType<typeof periodDocuments>;
  private settings?: ReturnType<typeof customerSettings>;
  private balances?: DataLoader<string, Money>;
  private openPeriods?: DataLoader<string, ReconciliationPeriod[]>;
  private attempts?: DataLoader<string, WebhookAttempt[]>;

  constructor(private readonly dataSource: DataSource) {}

  get customerById(): PrimedLoader<Customer | undefined> {
    return (this.customers ??= new PrimedLoader((ids) => this.byId(Customer, ids)));
  }

  get periodById(): PrimedLoader<ReconciliationPeriod | undefined> {
    return (this.periods ??= new PrimedLoader((ids) => this.byId(ReconciliationPeriod, ids)));
  }

  /** The documents a queue page may leave unread (tasks/queue-pages.ts). */
  get periodDocuments(): ReturnType<typeof periodDocuments> {
    return (this.documents ??= periodDocuments(this.dataSource));
  }

  get customerSettings(): ReturnType<typeof customerSettings> {
    return (this.settings ??= customerSettings(this.dataSource));
  }

  get balanceByCustomerId(): DataLoader<string, Money> {
    return (this.balances ??= new DataLoader((ids) => balancesOf(this.dataSource, ids)));
  }

  get openPeriodsByCustomerId(): DataLoader<string, ReconciliationPeriod[]> {
    return (this.openPeriods ??= new DataLoader((ids) => openPeriodsOf(this.dataSource, ids)));
  }

  get attemptsByDeliveryId(): DataLoader<string, WebhookAttempt[]> {
    return (this.attempts ??= new DataLoader((ids) => attemptsOf(this.dataSource, ids)));
  }

  private async byId<E extends Customer | ReconciliationPeriod>(
    target: new () => E,
    ids: readonly string[],
  ): Promise<Array<E | undefined>> {
    const rows = (await this.dataSource
      .getRepository<Customer | ReconciliationPeriod>(target)
      .findBy({ id: In([...ids]) })) as E[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  }
}
