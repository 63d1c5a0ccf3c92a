import { ApiError, ApiErrorCode } from './api-error';

export const MAX_PAGE_SIZE = 200;

/** Opaque cursors over the numeric id: stable under inserts, unlike offsets. */
export const encodeCursor = (id: string) => Buffer.from(`id:${id}`).toString('base64url');

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (!cursor) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^id:(\d{1,20})$/.exec(decoded);
  if (!match) throw new ApiError(ApiErrorCode.BAD_USER_INPUT, 'invalid cursor');
  return match[1];
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new ApiError(ApiErrorCode.BAD_USER_INPUT, `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

export function connection<T extends { id: string }>(rows: T[], size: number) {
  const page = rows.slice(0, size);
  return {
    edges: page.map((node) => ({ cursor: encodeCursor(node.id), node })),
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: page.length ? encodeCursor(page[page.length - 1].id) : null,
    },
  };
}
