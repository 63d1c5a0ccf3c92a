import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import type { LedgerEntry } from '../../../entities/ledger-entry.entity';
import {
  customerIdByCode,
  findLedgerEntries,
  ledgerTotals,
  LedgerEntryState,
  type LedgerCursor,
} from '../../../ledger/ledger-query';
import { upsertLedgerBatch } from '../../../ledger/ledger.service';
import { DunningStarter } from '../../../collections/dunning-starter';
import { payingCustomers, signalPayments } from '../../../collections/payment-signal';
import { ApiError, ApiErrorCode, toApiError } from '../../api-error';
import { base64UrlOfAscii, pageSize, refuseBackward } from '../../pagination';
import type {
  LedgerEntryConnectionResolvers,
  LedgerEntryResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../resolvers-types.generated';
import { ID_PATTERN } from '../../../contract/ids';

/** Large enough for a day's ERP sync, small enough to stay one short transaction. */
export const MAX_UPSERT_BATCH = 10_000;

const ENTRY_CURSOR = new RegExp(`^l:(\\d{4}-\\d{2}-\\d{2})\\|(${ID_PATTERN})$`);

const encode = (entry: LedgerEntry) => base64UrlOfAscii(`l:${entry.entryDate}|${entry.id}`);

function decode(cursor: string | null | undefined): LedgerCursor | undefined {
  if (!cursor) return undefined;
  const match = ENTRY_CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'invalid cursor');
  return { entryDate: match[1], id: match[2] };
}

export const ledgerQueryResolvers: QueryResolvers = {
  ledgerEntries: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    refuseBackward('Query.ledgerEntries', args);
    const size = pageSize(args.first);
    const after = decode(args.after);
    const filter = args.filter ?? {};
    const customerId = await customerIdByCode(ctx.dataSource, args.customerCode);
    if (!customerId) throw new ApiError(ApiErrorCode.NOT_FOUND, `no customer ${args.customerCode}`);
    const page = await findLedgerEntries(ctx.dataSource, customerId, filter, size, after);
    return {
      edges: page.entries.map((node) => ({ cursor: encode(node), node })),
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: page.entries.length ? encode(page.entries[0]) : null,
        endCursor: page.entries.length ? encode(page.entries[page.entries.length - 1]) : null,
      },
      // Summed only when asked for (LedgerEntryConnection.totals).
      customerId,
      filter,
    };
  },
};

export const ledgerMutationResolvers: MutationResolvers = {
  upsertLedgerEntries: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.WRITE_LEDGER);
    if (args.entries.length === 0 || args.entries.length > MAX_UPSERT_BATCH)
      throw new ApiError(ApiErrorCode.BAD_USER_INPUT, `send 1 to ${MAX_UPSERT_BATCH} entries per batch`);
    try {
      const { items, warnings } = await upsertLedgerBatch(ctx.dataSource, args.entries, actorOf(principal));
      const fresh = items.filter((item) => item.outcome === 'CREATED');
      const created = fresh.length;
      // A receipt or credit note now committed: the customer's dunning case looks at once (#21).
      const paying = payingCustomers(fresh.map((item) => args.entries[item.index]));
      // The starter is made inside signalPayments' best effort: the committed write must be
      // answered as such even when no Temporal client is at hand.
      if (paying.length)
        await signalPayments(
          { handle: (code) => new DunningStarter(ctx.periods.client, ctx.periods.taskQueue).handle(code) },
          paying,
        );
      return { created, unchanged: items.length - created, items, warnings };
    } catch (error) {
      throw toApiError(error);
    }
  },
};

/** Summed by the database only when a query selects the totals. */
export const ledgerConnectionResolvers: LedgerEntryConnectionResolvers = {
  totals: (connection, _, ctx) => ledgerTotals(ctx.dataSource, connection.customerId, connection.filter),
};

export const ledgerEntryResolvers: LedgerEntryResolvers = {
  state: (entry) => (entry.matched ? LedgerEntryState.MATCHED : LedgerEntryState.OPEN),
};
