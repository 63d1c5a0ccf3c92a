import { ApiErrorCode } from './error-codes';

import { MAX_VARIABLE_DEPTH } from './clean-text';

/**
 * How deep a document may nest brackets (`{`, `(`, `[`) before it is parsed. graphql-js parses by
 * recursive descent, so a few thousand levels overflow its stack before its token cap counts them
 * ("Maximum call stack size exceeded"). Field depth is capped at 8 after parsing and a JSON literal
 * at MAX_VARIABLE_DEPTH (64) levels: twice that leaves those checks their own, clearer answers.
 */
export const MAX_DOCUMENT_NESTING = 2 * MAX_VARIABLE_DEPTH;

/**
 * The deepest bracket nesting of a GraphQL document's text, skipping strings (with escapes), block
 * strings and comments; it stops counting once past `limit` (the caller only needs to know that).
 */
export function documentNesting(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === HASH) {
      i = endOfLine(text, i);
    } else if (char === QUOTE) {
      i = text.startsWith('"""', i) ? endOfBlockString(text, i + 3) : endOfString(text, i + 1);
    } else if (char === OPEN_BRACE || char === OPEN_PAREN || char === OPEN_BRACKET) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (char === CLOSE_BRACE || char === CLOSE_PAREN || char === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** Refused before parsing: the message says the limit (the caller's answer is 400 QUERY_TOO_DEEP). */
export function nestingRefusal(text: string): { code: ApiErrorCode; message: string } | undefined {
  const nesting = documentNesting(text, MAX_DOCUMENT_NESTING);
  if (nesting <= MAX_DOCUMENT_NESTING) return undefined;
  return {
    code: ApiErrorCode.QUERY_TOO_DEEP,
    message: `the document nests ${nesting} levels deep or more (brackets), past the limit of ${MAX_DOCUMENT_NESTING}`,
  };
}

const HASH = 0x23;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The index of the comment's last character (a comment runs to the end of its line). */
function endOfLine(text: string, from: number): number {
  let i = from;
  while (i + 1 < text.length && text.charCodeAt(i + 1) !== NEWLINE && text.charCodeAt(i + 1) !== RETURN) i++;
  return i;
}

/** The index of a string's closing quote (`from` is just after the opening one); escapes skipped. */
function endOfString(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === BACKSLASH) i++;
    else if (char === QUOTE || char === NEWLINE || char === RETURN) return i;
  }
  return text.length;
}

/** The index of a block string's last closing quote (`from` is after `"""`); `\"""` does not close it. */
function endOfBlockString(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text.startsWith('\\"""', i)) i += 3;
    else if (text.startsWith('"""', i)) return i + 2;
  }
  return text.length;
}
