import type { Pool } from 'mysql2/promise';
import { In, type DataSource } from 'typeorm';
import type { AuthSecrets } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { Customer } from '../entities/customer.entity';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import type { PeriodService } from '../periods/period.service';
import { createDomainLoaders } from './loaders';
import { PrimedLoader } from './loaders/primed-loader';

export interface ApiServices {
  dataSource: DataSource;
  periods: PeriodService;
  temporalHealthy: () => Promise<boolean>;
  /** mysql2 pool for file imports and templates (the bulk path streams LOAD DATA through it). */
  importPool?: Pool;
}

export interface ApiContext extends ApiServices {
  principal: Principal | null;
  /** Signing secrets: `login` signs user tokens with them. */
  auth: AuthSecrets;
  loaders: ReturnType<typeof createLoaders>;
}

/** Per-request batching: a page of periods loads its customers in one query. */
export function createLoaders(dataSource: DataSource) {
  return {
    customerById: new PrimedLoader<Customer | undefined>(async (ids) => {
      const rows = await dataSource.getRepository(Customer).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    }),
    periodById: new PrimedLoader<ReconciliationPeriod | undefined>(async (ids) => {
      const rows = await dataSource.getRepository(ReconciliationPeriod).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    }),
    ...createDomainLoaders(dataSource),
  };
}
