import type { DataSource } from 'typeorm';
import type { DunningStarter } from '../collections/dunning-starter';
import type { DatabaseConfig } from '../config/config';
import type { StatementTransport } from '../notifications/statement-transport';
import type { PeriodService } from '../periods/period.service';

/** What activities need from the outside world; injected so tests can hand in their own. */
export interface ActivityDeps {
  dataSource: DataSource;
  transport: StatementTransport;
  customerLinks: { secret: string; publicUrl: string; ttlSeconds: number };
  /** Opens periods (starts workflows): needed by the scheduled fan-out only. */
  periods?: PeriodService;
  /** Starts customers' dunning cases: needed by the daily dunning fan-out only. */
  dunning?: DunningStarter;
  /** Heads the statement PDF. */
  companyName?: string;
  /** Whom the customer asks about a statement: printed under the e-mail (the mail's From by default). */
  companyContact?: string;
  now?: () => Date;
  /** Where scheduled backups go and how many are kept; unset: the backup activity refuses. */
  backups?: BackupSettings;
}

export interface BackupSettings {
  dir: string;
  db: DatabaseConfig;
  keepDaily: number;
  keepMonthly: number;
  reconVersion: string;
}

export const DEFAULT_COMPANY_NAME = '本公司 Our Company';
