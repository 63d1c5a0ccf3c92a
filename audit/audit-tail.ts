import type { DataSource } from 'typeorm';

/** One audit event as the live subscriptions see it (no hashes, states parsed). */
export interface TailedAuditEvent {
  id: string;
  occurredAt: Date;
  action: string;
  entityType: string;
  entityId: string;
  periodId: string | null;
  after: Record<string, unknown> | null;
}

export interface AuditTailOptions {
  /** How often the chain head is read while someone listens. */
  pollMs?: number;
  /** Events read per statement. */
  batchSize?: number;
}

type Listener = (events: TailedAuditEvent[]) => void;

type Row = {
  id: string;
  occurred_at: Date;
  action: string;
  entity_type: string;
  entity_id: string;
  period_id: string | null;
  after_state: string | Record<string, unknown> | null;
};

/**
 * Follows the audit chain as it grows, for the live subscriptions of one API process. Every change
 * Recon makes (a workflow step, a task claimed, an adjustment decided) appends its audit event in
 * the same transaction, and appends are serialised by the chain head's row lock: ids become
 * visible strictly in order, and `audit_chain_head.last_event_id` says how far they are committed.
 * So every API process can follow the one table with a primary-key read per tick, with no bus of
 * its own to run and nothing written twice; events exist exactly when their change commits.
 * The tail reads only while someone listens, and starts at the head (a listener gets what happens
 * after it came).
 */
export class AuditTail {
  private readonly listeners = new Set<Listener>();
  private readonly pollMs: number;
  private readonly batchSize: number;
  private cursor: bigint | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private failedOnce = false;

  constructor(
    private readonly dataSource: DataSource,
    options: AuditTailOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 250;
    this.batchSize = options.batchSize ?? 500;
  }

  /** Calls `listener` with each batch of new events; returns the function that stops it. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.schedule(0);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.pause();
    };
  }

  /** Stops reading (the API is shutting down) and waits for a read in flight. */
  async stop(): Promise<void> {
    this.listeners.clear();
    this.pause();
    await this.reading;
  }

  private pause() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // The next listener starts from the head again: nobody heard what happened meanwhile.
    this.cursor = undefined;
  }

  private schedule(delay: number) {
    if (this.timer || this.listeners.size === 0) return;
    this.timer = setTimeout(() => {
      this.reading = this.tick().finally(() => {
        this.timer = undefined;
        this.reading = undefined;
        this.schedule(this.pollMs);
      });
    }, delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const head = await this.head();
      if (this.cursor === undefined) {
        this.cursor = head;
        return;
      }
      while (this.cursor < head && this.listeners.size > 0) {
        const events = await this.read(this.cursor, head);
        if (events.length === 0) break;
        this.cursor = BigInt(events[events.length - 1].id);
        for (const listener of [...this.listeners]) listener(events);
      }
      this.failedOnce = false;
    } catch (error) {
      // The database is away for a moment: say so once, keep the cursor, try again next tick.
      if (!this.failedOnce) console.error('live events: reading the audit log failed', error);
      this.failedOnce = true;
    }
  }

  private async head(): Promise<bigint> {
    const [row] = (await this.dataSource.query(
      'SELECT CAST(COALESCE(last_event_id, 0) AS CHAR) AS id FROM audit_chain_head WHERE id = 1',
    )) as Array<{ id: string }>;
    return BigInt(row?.id ?? 0);
  }

  private async read(after: bigint, upTo: bigint): Promise<TailedAuditEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT CAST(id AS CHAR) AS id, occurred_at, action, entity_type, entity_id,
              CAST(period_id AS CHAR) AS period_id, after_state
         FROM audit_events WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`,
      [after.toString(), upTo.toString(), this.batchSize],
    )) as Row[];
    return rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      periodId: row.period_id,
      after:
        typeof row.after_state === 'string'
          ? (JSON.parse(row.after_state) as Record<string, unknown>)
          : row.after_state,
    }));
  }
}
