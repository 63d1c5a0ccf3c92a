import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { balancesOf, openPeriodsOf } from '../../customers/customer.service';
import type { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import type { WebhookAttempt } from '../../entities/webhook-attempt.entity';
import type { Money } from '../../money/decimal';
import { attemptsOf } from '../../webhooks/webhook.service';

/** Per-request batching for the domain modules' fields: a page of customers is two more queries, not 2×N. */
export function createDomainLoaders(dataSource: DataSource) {
  return {
    balanceByCustomerId: new DataLoader<string, Money>((ids) => balancesOf(dataSource, ids)),
    openPeriodsByCustomerId: new DataLoader<string, ReconciliationPeriod[]>((ids) =>
      openPeriodsOf(dataSource, ids),
    ),
    attemptsByDeliveryId: new DataLoader<string, WebhookAttempt[]>((ids) => attemptsOf(dataSource, ids)),
  };
}
