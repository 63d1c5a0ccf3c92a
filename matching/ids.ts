// Deterministic, bounded ids from member ids (no Node built-ins: the engine is pure).

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The ids in sorted order joined by '+' (one id, the most common, as it is). */
const sortedJoin = (ids: string[]) =>
  ids.length === 1 ? ids[0] : ids.length === 0 ? '' : ids.slice().sort().join('+');

export function stableId(prefix: string, ourIds: string[], theirIds: string[]): string {
  return bounded(prefix, `${sortedJoin(ourIds)}|${sortedJoin(theirIds)}`);
}

/** `stableId` of one id of ours and one of theirs, without a list for each. */
export function pairId(prefix: string, ourId: string, theirId: string): string {
  return bounded(prefix, `${ourId}|${theirId}`);
}

/** `prefix:body`, or the body's hash when that is longer than 96 characters. */
function bounded(prefix: string, body: string): string {
  const id = `${prefix}:${body}`;
  return id.length <= 96 ? id : `${prefix}:#${fnv1a(body, 0x811c9dc5)}${fnv1a(body, 0x2f1a3b5d)}`;
}
