import type { DataSource } from 'typeorm';
import { AuditChainHead } from '../entities/audit-chain-head.entity';
import { AuditEvent } from '../entities/audit-event.entity';
import { auditPayload, chainHash, GENESIS_HASH } from './audit-log';

export interface ChainVerdict {
  ok: boolean;
  eventsChecked: number;
  /** The first event whose stored hash or link does not hold. */
  firstBrokenEventId?: string;
  reason?: string;
}

/** Walks the chain in id order, in pages, and reports the first broken link. */
export async function verifyAuditChain(dataSource: DataSource, pageSize = 5000): Promise<ChainVerdict> {
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
      if (event.prevHash !== expectedPrev) {
        return {
          ok: false,
          eventsChecked: checked,
          firstBrokenEventId: event.id,
          reason: 'link to the previous event broken (an event was removed or reordered)',
        };
      }
      if (chainHash(event.prevHash, auditPayload(event)) !== event.hash) {
        return {
          ok: false,
          eventsChecked: checked,
          firstBrokenEventId: event.id,
          reason: 'content does not match its hash (the event was edited)',
        };
      }
      expectedPrev = event.hash;
      checked += 1;
    }
    afterId = page[page.length - 1].id;
  }
  const head = await dataSource.getRepository(AuditChainHead).findOneBy({ id: 1 });
  if (head && head.lastHash !== expectedPrev) {
    return {
      ok: false,
      eventsChecked: checked,
      firstBrokenEventId: head.lastEventId ?? undefined,
      reason: 'the newest events were removed',
    };
  }
  return { ok: true, eventsChecked: checked };
}
