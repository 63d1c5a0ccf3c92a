import type { DataSource } from 'typeorm';
import { AuditEvent } from '../entities/audit-event.entity';
import { auditPayload, chainHash, GENESIS_HASH, legacyChainHash } from './audit-log';
import { auditChainKey } from './chain-key';
import { readChainHead, readCheckpoints, type AuditCheckpoint } from './checkpoints';

export interface ChainVerdict {
  ok: boolean;
  eventsChecked: number;
  /** The first event whose stored hash or link does not hold. */
  firstBrokenEventId?: string;
  reason?: string;
  /** Checkpoints of the file checked against the database (only when a file was given). */
  checkpointsChecked?: number;
  /** Intact, but what could not be checked (no checkpoint of this database: a cut tail goes unseen). */
  warning?: string;
}

export interface VerifyOptions {
  pageSize?: number;
  /** The HMAC key; the configured AUDIT_CHAIN_KEY when omitted. */
  key?: string;
  /** Also check the chain against the signed checkpoints in this file (the CLI does). */
  checkpointFile?: string;
}

/**
 * Walks the chain in id order, in pages, and reports the first broken link; then, given the
 * checkpoint file, that the database holds every checkpointed event unchanged and has not moved
 * the legacy boundary: a head behind the last checkpoint means the tail was cut off.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  options: VerifyOptions = {},
): Promise<ChainVerdict> {
  const key = options.key ?? auditChainKey();
  const pageSize = options.pageSize ?? 5000;
  const head = await readChainHead(dataSource);
  const legacyThrough = BigInt(head.legacyThrough ?? 0);
  let checkpoints: AuditCheckpoint[] = [];
  if (options.checkpointFile) {
    const file = await readCheckpoints(options.checkpointFile, key, head.database);
    if (file.badLines.length)
      return broken(
        0,
        undefined,
        `checkpoint file line ${file.badLines[0]} is not signed with the audit key`,
      );
    checkpoints = file.checkpoints;
    const moved = checkpoints.find((c) => c.legacyThrough !== head.legacyThrough);
    if (moved)
      return broken(
        0,
        undefined,
        `the unkeyed-history boundary is ${head.legacyThrough ?? 'none'} but checkpoint ${moved.seq} recorded ${moved.legacyThrough ?? 'none'}`,
      );
  }
  const checkpointAt = new Map(checkpoints.map((c) => [c.seq, c]));
  const repository = dataSource.getRepository(AuditEvent);
  let expectedPrev = GENESIS_HASH;
  let afterId = '0';
  let checked = 0;
  for (;;) {
    const page = await repository
      .createQueryBuilder('event')
      .where('event.id > :afterId', { afterId })
      .orderBy('event.id', 'ASC')
      .limit(pageSize)
      .getMany();
    if (page.length === 0) break;
    for (const event of page) {
      if (event.prevHash !== expectedPrev)
        return broken(
          checked,
          event.id,
          'link to the previous event broken (an event was removed or reordered)',
        );
      const payload = auditPayload(event);
      const hash =
        BigInt(event.id) <= legacyThrough
          ? legacyChainHash(event.prevHash, payload)
          : chainHash(event.prevHash, payload, key);
      if (hash !== event.hash)
        return broken(checked, event.id, 'content does not match its hash (the event was edited)');
      const checkpoint = checkpointAt.get(event.id);
      if (checkpoint && checkpoint.hash !== event.hash)
        return broken(
          checked,
          event.id,
          `the event differs from checkpoint ${checkpoint.seq} (the chain was rewritten)`,
        );
      checkpointAt.delete(event.id);
      expectedPrev = event.hash;
      checked += 1;
    }
    afterId = page[page.length - 1].id;
  }
  if (head.lastHash !== expectedPrev)
    return broken(
      checked,
      head.lastEventId === '0' ? undefined : head.lastEventId,
      'the newest events were removed',
    );
  checkpointAt.delete('0');
  const missing = [...checkpointAt.values()].sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1))[0];
  if (missing) {
    const behind = BigInt(missing.seq) > BigInt(head.lastEventId);
    return broken(
      checked,
      missing.seq,
      behind
        ? `the database's chain ends at event ${head.lastEventId}, behind checkpoint ${missing.seq} (the newest events were removed)`
        : `checkpointed event ${missing.seq} is missing from the chain`,
    );
  }
  if (!options.checkpointFile) return { ok: true, eventsChecked: checked };
  return {
    ok: true,
    eventsChecked: checked,
    checkpointsChecked: checkpoints.length,
    ...(checkpoints.length ? {} : { warning: NO_CHECKPOINT_WARNING }),
  };
}

export const NO_CHECKPOINT_WARNING =
  'no checkpoint of this database in the checkpoint file: a cut-off tail cannot be detected';

/** Where the audit chain's key and signed checkpoints are (config.audit): what every check is given. */
export interface AuditAnchor {
  readonly chainKey: string;
  readonly checkpointFile: string;
}

/**
 * The one audit check that `recon audit verify` and GraphQL `verifyAuditChain` run: the keyed chain
 * and the signed checkpoints outside the database, so neither can miss a cut-off tail the other sees.
 */
export function verifyAnchoredAuditChain(dataSource: DataSource, anchor: AuditAnchor): Promise<ChainVerdict> {
  return verifyAuditChain(dataSource, { key: anchor.chainKey, checkpointFile: anchor.checkpointFile });
}

function broken(eventsChecked: number, firstBrokenEventId: string | undefined, reason: string): ChainVerdict {
  return { ok: false, eventsChecked, ...(firstBrokenEventId ? { firstBrokenEventId } : {}), reason };
}
