import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './api-error';
import { ID_PATTERN } from '../contract/ids';

export const MAX_PAGE_SIZE = 200;

/**
 * base64url of an ASCII cursor text, as Buffer's 'base64url' writes it but about three times
 * faster for these short strings (a queue page writes fifty). Decoding stays Buffer's.
 */
export function base64UrlOfAscii(text: string): string {
  let encoded = btoa(text);
  if (encoded.includes('+')) encoded = encoded.replaceAll('+', '-');
  if (encoded.includes('/')) encoded = encoded.replaceAll('/', '_');
  let end = encoded.length;
  while (end > 0 && encoded.charCodeAt(end - 1) === 61 /* = */) end -= 1;
  return end === encoded.length ? encoded : encoded.slice(0, end);
}

/** Opaque cursors over the numeric id: stable under inserts, unlike offsets. */
const ID_CURSOR = new RegExp(`^id:(${ID_PATTERN})$`);
const LIST_CURSOR = new RegExp(`^([a-z]+):(${ID_PATTERN})$`);

export const encodeCursor = (id: string) => base64UrlOfAscii(`id:${id}`);

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (!cursor) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = ID_CURSOR.exec(decoded);
  if (!match) throw badUserInput('invalid cursor', 'after');
  return match[1];
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return size;
}

/** `rows`: up to size + 1 read after `after`; the extra one says there is a next page. */
export function connection<T extends { id: string }>(rows: T[], size: number, after?: string | null) {
  const page = rows.slice(0, size);
  return {
    edges: page.map((node) => ({ cursor: encodeCursor(node.id), node })),
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: Boolean(after),
      startCursor: page.length ? encodeCursor(page[0].id) : null,
      endCursor: page.length ? encodeCursor(page[page.length - 1].id) : null,
    },
  };
}

/** The Relay lists with `last`: their default and largest page (the cost estimate reads these too). */
export const LIST_PAGES = {
  'Period.differences': { defaultSize: 100, max: MAX_PAGE_SIZE },
  'Period.matchGroups': { defaultSize: 100, max: MAX_PAGE_SIZE },
  'Period.tasks': { defaultSize: 50, max: MAX_PAGE_SIZE },
  'Period.auditTrail': { defaultSize: 50, max: MAX_PAGE_SIZE },
  'Customer.periods': { defaultSize: 12, max: 120 },
} as const;
export type ListField = keyof typeof LIST_PAGES;

/** Relay's arguments of a paged list. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** What a list's page asks for, checked: its size, its direction and the ids that bound it. */
export interface PageRequest {
  size: number;
  backward: boolean;
  afterId?: string;
  beforeId?: string;
}

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** A cursor of one list (`kind`), so a cursor of another list, or one made up, is refused. */
export const encodeListCursor = (kind: string, id: string) => base64UrlOfAscii(`${kind}:${id}`);

function decodeListCursor(field: string, kind: string, argument: string, cursor: string | null | undefined) {
  if (cursor === null || cursor === undefined) return undefined;
  const match = LIST_CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || match[1] !== kind || encodeListCursor(kind, match[2]) !== cursor)
    throw badUserInput(`${field}(${argument}:) is not a cursor of this list`, argument);
  return match[2];
}

/**
 * Checks a list's Relay arguments (`field` names it in refusals, e.g. "Period.differences"): a size
 * outside 1..max is refused naming the argument and the maximum, never clamped.
 */
export function readPageArgs(field: ListField, kind: string, args: PageArgs): PageRequest {
  const limits = LIST_PAGES[field];
  const first = args.first ?? undefined;
  const last = args.last ?? undefined;
  if (first !== undefined && last !== undefined)
    throw badUserInput(`${field}: give first or last, not both`, 'last');
  const argument = last !== undefined ? 'last' : 'first';
  const size = last ?? first ?? limits.defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > limits.max)
    throw badUserInput(`${field}(${argument}:) must be between 1 and ${limits.max} (got ${size})`, argument);
  return {
    size,
    backward: last !== undefined,
    afterId: decodeListCursor(field, kind, 'after', args.after),
    beforeId: decodeListCursor(field, kind, 'before', args.before),
  };
}

/**
 * One page of a query ordered by its id column (`idColumn`, e.g. "d.id"), read with one statement.
 * Forwards from a cursor, the cursor's own item came before the page (hasPreviousPage); backwards
 * up to one, it comes after (hasNextPage).
 */
export async function keysetPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  idColumn: string,
  request: PageRequest,
): Promise<Page<T>> {
  if (request.afterId) query.andWhere(`${idColumn} > :pageAfterId`, { pageAfterId: request.afterId });
  if (request.beforeId) query.andWhere(`${idColumn} < :pageBeforeId`, { pageBeforeId: request.beforeId });
  const rows = await query
    .orderBy(idColumn, request.backward ? 'DESC' : 'ASC')
    .limit(request.size + 1)
    .getMany();
  const more = rows.length > request.size;
  const page = rows.slice(0, request.size);
  if (request.backward) page.reverse();
  return {
    rows: page,
    hasNextPage: request.backward ? request.beforeId !== undefined : more,
    hasPreviousPage: request.backward ? more : request.afterId !== undefined,
  };
}

/** One page of a short list already read whole and in order (a period's tasks, a customer's periods). */
export function listPage<T extends { id: string }>(field: string, rows: T[], request: PageRequest): Page<T> {
  const indexOf = (argument: string, id: string) => {
    const index = rows.findIndex((row) => row.id === id);
    if (index < 0) throw badUserInput(`${field}(${argument}:) names no item of this list`, argument);
    return index;
  };
  const start = request.afterId ? indexOf('after', request.afterId) + 1 : 0;
  const end = Math.max(start, request.beforeId ? indexOf('before', request.beforeId) : rows.length);
  const from = request.backward ? Math.max(start, end - request.size) : start;
  const to = request.backward ? end : Math.min(end, start + request.size);
  return { rows: rows.slice(from, to), hasNextPage: to < rows.length, hasPreviousPage: from > 0 };
}

/** A page as Relay's connection, its cursors of list `kind`. */
export function connectionOf<T extends { id: string }>(kind: string, page: Page<T>) {
  const edges = page.rows.map((node) => ({ cursor: encodeListCursor(kind, node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * Every connection takes Relay's four arguments. The lists above (LIST_PAGES) read backwards too;
 * the others page forwards only (their order is a queue's, newest-first or a filter's): `last` or
 * `before` there is refused naming the argument, never ignored.
 */
export function refuseBackward(field: string, args: { last?: number | null; before?: string | null }): void {
  for (const argument of ['last', 'before'] as const) {
    if (args[argument] !== null && args[argument] !== undefined)
      throw badUserInput(
        `${field}(${argument}:) is not supported: this list pages forwards only (first, after)`,
        argument,
      );
  }
}
