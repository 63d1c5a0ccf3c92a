import { isIP } from 'node:net';

/** Checks an allow-list entry as configuration reads it: a host name, an address or a CIDR range. */
export function allowListEntryProblem(entry: string): string | null {
  const [address, prefix, extra] = entry.replace(/^\[|\]$/g, '').split('/');
  const family = isIP(address);
  if (family === 0)
    return prefix === undefined && /^[a-z0-9.-]{1,253}$/i.test(entry)
      ? null
      : `"${entry}" is not a host, address or range`;
  if (extra !== undefined) return `"${entry}" is not a range`;
  if (prefix === undefined) return null;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128)
    ? null
    : `"${entry}" has a bad prefix length`;
}
