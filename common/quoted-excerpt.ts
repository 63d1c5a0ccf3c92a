/** How much of a value a message repeats back: enough to recognise it, never the whole of a huge one. */
export const EXCERPT_MAX_CHARS = 64;

/**
 * A value quoted for an error message: whole when short, else its first EXCERPT_MAX_CHARS
 * characters (code points, never half a surrogate pair) and how long it was. A refusal that echoed
 * a 20 KB form field back in full (probe) made every bad request twice its size in the logs.
 */
export function quotedExcerpt(value: string): string {
  if (value.length <= EXCERPT_MAX_CHARS) return JSON.stringify(value);
  const chars = [...value];
  if (chars.length <= EXCERPT_MAX_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(chars.slice(0, EXCERPT_MAX_CHARS).join(''))}… (${chars.length} characters)`;
}
