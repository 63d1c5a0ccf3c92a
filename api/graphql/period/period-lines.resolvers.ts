import { Permission, requirePermission } from '../../../auth/policy';
import { Money } from '../../../money/decimal';
import {
  LineSide,
  readPeriodLines,
  type PeriodLine,
  type PeriodLineCursor,
} from '../../../periods/period-lines';
import { ApiError, ApiErrorCode } from '../../api-error';
import { base64UrlOfAscii, refuseBackward } from '../../pagination';
import type { PeriodResolvers } from '../resolvers-types.generated';
import { decodeIds, ID_PATTERN } from '../../../contract/ids';

/** A workbench loads a period's lines in a few large pages; a larger ask is refused, not clamped. */
export const MAX_LINE_PAGE = 1000;

const LINE_CURSOR = new RegExp(`^pl:(\\d{4}-\\d{2}-\\d{2})\\|(${ID_PATTERN})$`);

const encode = (line: PeriodLine) => base64UrlOfAscii(`pl:${line.date}|${line.id}`);

function decode(cursor: string | null | undefined): PeriodLineCursor | undefined {
  if (!cursor) return undefined;
  const match = LINE_CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'after: not a cursor of this list');
  return { date: match[1], id: match[2] };
}

/** `filter.ids`: row ids, at most a page's worth (a difference names a handful). */
function lineIds(ids: readonly string[] | null | undefined): string[] | undefined {
  if (ids === null || ids === undefined) return undefined;
  if (ids.length > MAX_LINE_PAGE)
    throw new ApiError(ApiErrorCode.BAD_USER_INPUT, `filter.ids: at most ${MAX_LINE_PAGE} ids`, {
      problems: [{ index: -1, field: 'filter.ids', reason: `at most ${MAX_LINE_PAGE}` }],
    });
  return decodeIds(ids, 'filter.ids');
}

function lines(side: LineSide): PeriodResolvers['ledgerEntries'] {
  return async (period, args, ctx) => {
    // Staff only: a customer's link sees its statement, never our ledger or the match internals.
    requirePermission(ctx.principal, Permission.READ);
    refuseBackward(side === LineSide.OURS ? 'Period.ledgerEntries' : 'Period.statementLines', args);
    const first = args.first ?? 200;
    if (!Number.isInteger(first) || first < 1 || first > MAX_LINE_PAGE) {
      throw new ApiError(ApiErrorCode.BAD_USER_INPUT, `first must be between 1 and ${MAX_LINE_PAGE}`);
    }
    const page = await readPeriodLines(ctx.dataSource.manager, period, {
      side,
      first,
      after: decode(args.after),
      state: args.filter?.state ?? undefined,
      search: args.filter?.search?.trim() || undefined,
      ids: lineIds(args.filter?.ids),
    });
    const edges = page.lines.map((line) => ({
      cursor: encode(line),
      node: { ...line, amount: new Money(line.amount) },
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.length ? edges[edges.length - 1].cursor : null,
      },
    };
  };
}

export const periodLineResolvers: PeriodResolvers = {
  ledgerEntries: lines(LineSide.OURS),
  statementLines: lines(LineSide.THEIRS),
};
