import { Context } from '@temporalio/activity';
import { SYSTEM_ACTORS } from '../contract/actor';
import { Customer } from '../entities/customer.entity';
import { CustomerStatus, PeriodCadence, PeriodStatus } from '../contract/enums';
import { monthRange } from '../formats/date';
import type { ActivityDeps } from './activity-deps';

const QUARTER_END_MONTHS = new Set(['03', '06', '09', '12']);
const PARALLEL_STARTS = 10;

/**
 * The month's periods the fan-out lets be in their first steps at once (opened, extracting,
 * matching: rows OPEN or MATCHING); above it, it waits before opening more. Without it the fan-out
 * opened periods faster than the worker could extract, match and send them: a backlog of hundreds
 * of started workflows whose steps held the worker's workflow-task slots, so a clerk's Update on a
 * period in review waited seconds behind them (soak benchmark, docs/benchmarks.md).
 */
export const FAN_OUT_IN_FLIGHT = 20;

export interface FanOutPacing {
  /** See FAN_OUT_IN_FLIGHT. */
  inFlight: number;
  /** How often the count is looked at while waiting. */
  pollMs: number;
  /**
   * The most one batch waits in all (best effort: periods stuck in matching never stop the
   * fan-out), well inside the activity's 5-minute start-to-close timeout.
   */
  maxWaitMs: number;
}

const DEFAULT_PACING: FanOutPacing = { inFlight: FAN_OUT_IN_FLIGHT, pollMs: 250, maxWaitMs: 120_000 };

/**
 * The pacing's wait. In an activity it heartbeats and ends in a CancelledFailure as soon as the
 * attempt is cancelled: a worker shutting down cancels its activities, and while it drains no
 * period moves on, so a wait that ignored it held the worker's shutdown for the whole budget (two
 * minutes at every soak's end). The retry, on another worker, opens the rest (opening is idempotent).
 */
function pause(ms: number): Promise<void> {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return new Promise((resolve) => setTimeout(resolve, ms)); // called outside an activity (tests)
  }
  if (!context.info.isLocal) context.heartbeat();
  return context.sleep(ms);
}

/** The range a customer's cadence closes in `month`, or null when its period does not end then. */
export function cadenceRange(cadence: PeriodCadence, month: string): { start: string; end: string } | null {
  if (cadence === PeriodCadence.MONTHLY) return monthRange(month);
  if (cadence === PeriodCadence.QUARTERLY && QUARTER_END_MONTHS.has(month.slice(5))) {
    const end = monthRange(month).end;
    const startMonth = String(Number(month.slice(5)) - 2).padStart(2, '0');
    return { start: `${month.slice(0, 4)}-${startMonth}-01`, end };
  }
  return null; // CUSTOM ranges are opened through the API
}

/**
 * Opens the periods of the next `limit` active customers after `afterCustomerId`, at most
 * PARALLEL_STARTS at a time (one transaction each group), and never more than `pacing.inFlight` of the month in their first steps
 * (best effort, see FanOutPacing). Idempotent: opening an existing period changes nothing.
 */
export function createOpenPeriodsBatch(
  { dataSource, periods }: ActivityDeps,
  pacing: FanOutPacing = DEFAULT_PACING,
) {
  /** Periods ending `periodEnd` still in their first steps. */
  const inFirstSteps = async (periodEnd: string) => {
    const [row] = (await dataSource.query(
      'SELECT COUNT(*) AS n FROM reconciliation_periods WHERE status IN (?, ?) AND period_end = ?',
      [PeriodStatus.OPEN, PeriodStatus.MATCHING, periodEnd],
    )) as Array<{ n: string | number }>;
    return Number(row.n);
  };
  return async function openPeriodsBatch(input: { month: string; afterCustomerId: string; limit: number }) {
    if (!periods)
      throw new Error('openPeriodsBatch needs the period service (a Temporal client) in its dependencies');
    const customers = await dataSource
      .getRepository(Customer)
      .createQueryBuilder('c')
      .select(['c.id', 'c.code', 'c.cadence'])
      .where('c.id > :after AND c.status = :active', {
        after: input.afterCustomerId,
        active: CustomerStatus.ACTIVE,
      })
      .orderBy('c.id', 'ASC')
      .limit(input.limit)
      .getMany();
    let opened = 0;
    const due = customers
      .map((customer) => ({ customer, range: cadenceRange(customer.cadence, input.month) }))
      .filter((item) => item.range !== null);
    const waitUntil = Date.now() + pacing.maxWaitMs;
    const group = Math.max(1, Math.min(PARALLEL_STARTS, pacing.inFlight));
    for (let i = 0; i < due.length; i += group) {
      const periodEnd = due[i].range!.end;
      while (Date.now() < waitUntil && (await inFirstSteps(periodEnd)) + group > pacing.inFlight)
        await pause(pacing.pollMs);
      // A group is one transaction (one audit append, one commit), its workflows started together.
      const results = await periods.openPeriods(
        due.slice(i, i + group).map(({ customer, range }) => ({
          customerCode: customer.code,
          periodStart: range!.start,
          periodEnd: range!.end,
        })),
        SYSTEM_ACTORS.scheduler,
      );
      opened += results.filter((result) => result.created).length;
    }
    return {
      customers: customers.length,
      opened,
      lastCustomerId: customers.length < input.limit ? null : customers[customers.length - 1].id,
    };
  };
}
