import type { ImportErrorCode } from './errors';

/** Outcome of parsing one value: parsers never throw on bad data, the row mapper collects the reasons. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | ParseFailure;

export interface ParseFailure {
  readonly ok: false;
  readonly code: ImportErrorCode;
  readonly reason: string;
}

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function fail(code: ImportErrorCode, reason: string): ParseFailure {
  return { ok: false, code, reason };
}
