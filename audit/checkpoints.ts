import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { canonicalJson } from './canonical-json';

/**
 * A signed statement, kept outside the database, of how far the chain had grown: event `seq`
 * (0: none yet) had hash `hash`, and events up to `legacyThrough` were unkeyed. A database whose
 * chain is shorter than, or differs from, a checkpoint was truncated or rewritten.
 */
export interface AuditCheckpoint {
  database: string;
  seq: string;
  hash: string;
  legacyThrough: string | null;
  at: string;
}

export interface CheckpointFileContents {
  /** This database's checkpoints, oldest first. */
  checkpoints: AuditCheckpoint[];
  /** 1-based numbers of lines that are not checkpoints signed with this key. */
  badLines: number[];
}

const checkpointMac = (checkpoint: AuditCheckpoint, key: string) =>
  createHmac('sha256', key)
    .update('recon-audit-checkpoint\n')
    .update(canonicalJson(checkpoint))
    .digest('hex');

export function checkpointLine(checkpoint: AuditCheckpoint, key: string): string {
  return JSON.stringify({ ...checkpoint, mac: checkpointMac(checkpoint, key) });
}

function parseLine(line: string, key: string): AuditCheckpoint | undefined {
  try {
    const { database, seq, hash, legacyThrough, at, mac } = JSON.parse(line) as Record<string, unknown>;
    const checkpoint = { database, seq, hash, legacyThrough, at } as AuditCheckpoint;
    if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return undefined;
    const expected = Buffer.from(checkpointMac(checkpoint, key), 'hex');
    return timingSafeEqual(expected, Buffer.from(mac, 'hex')) ? checkpoint : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the checkpoint file (missing: none). Several databases may share one file. */
export async function readCheckpoints(
  file: string,
  key: string,
  database: string,
): Promise<CheckpointFileContents> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], badLines: [] };
    throw error;
  }
  const contents: CheckpointFileContents = { checkpoints: [], badLines: [] };
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const checkpoint = parseLine(line, key);
    if (!checkpoint) contents.badLines.push(i + 1);
    else if (checkpoint.database === database) contents.checkpoints.push(checkpoint);
  });
  return contents;
}

export interface ChainHeadFacts {
  database: string;
  lastEventId: string;
  lastHash: string;
  legacyThrough: string | null;
}

/** The committed head of the chain (read outside any transaction). */
export async function readChainHead(dataSource: DataSource): Promise<ChainHeadFacts> {
  const [row] = (await dataSource.query(
    `SELECT DATABASE() AS db, CAST(COALESCE(last_event_id, 0) AS CHAR) AS id, last_hash,
            CAST(legacy_through_event_id AS CHAR) AS legacy
       FROM audit_chain_head WHERE id = 1`,
  )) as Array<{ db: string; id: string; last_hash: string; legacy: string | null }>;
  if (!row) throw new Error('the audit chain has no head row (migrations not run?)');
  return {
    database: row.db,
    lastEventId: row.id,
    lastHash: row.last_hash,
    legacyThrough: row.legacy,
  };
}

export interface CheckpointOptions {
  file: string;
  key: string;
  /** A checkpoint once the head has moved this many ids past the last one. */
  every: number;
}

/**
 * Appends a checkpoint of the committed head when none exists yet for this database (anchoring
 * the legacy boundary at once) or the head moved `every` ids past the last; logs it too.
 */
export class AuditCheckpointer {
  private lastSeq: bigint | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: CheckpointOptions,
  ) {}

  /** Checks now, then every `intervalMs` until stopped. */
  start(intervalMs = 5000): void {
    const tick = () => {
      this.running = this.checkpointIfDue()
        .catch((error: unknown) => console.error('audit checkpoint failed:', error))
        .finally(() => {
          this.running = undefined;
          if (this.timer) this.timer = setTimeout(tick, intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Writes a checkpoint if one is due; returns it, or undefined. */
  async checkpointIfDue(): Promise<AuditCheckpoint | undefined> {
    const head = await readChainHead(this.dataSource);
    if (this.lastSeq === undefined) {
      const { checkpoints } = await readCheckpoints(this.options.file, this.options.key, head.database);
      const last = checkpoints[checkpoints.length - 1];
      this.lastSeq = last ? BigInt(last.seq) : undefined;
    }
    const seq = BigInt(head.lastEventId);
    if (this.lastSeq !== undefined && seq - this.lastSeq < BigInt(this.options.every)) return undefined;
    const checkpoint: AuditCheckpoint = {
      database: head.database,
      seq: head.lastEventId,
      hash: head.lastHash,
      legacyThrough: head.legacyThrough,
      at: new Date().toISOString(),
    };
    const line = checkpointLine(checkpoint, this.options.key);
    await mkdir(path.dirname(this.options.file), { recursive: true });
    await appendFile(this.options.file, `${line}\n`, { mode: 0o600 });
    this.lastSeq = seq;
    console.log(`audit checkpoint ${line}`);
    return checkpoint;
  }
}
