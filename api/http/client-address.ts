import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * Who sent a request, as the login throttle counts it. Behind `trustProxyHops` reverse proxies the
 * socket is the nearest proxy's, and the client is the address that many entries from the right of
 * X-Forwarded-For (entries further left were written by the client and prove nothing). An IPv6
 * client is counted by its /64, which one subscriber usually holds whole.
 */
export function clientAddress(req: IncomingMessage, trustProxyHops: number): string | null {
  let address = req.socket.remoteAddress ?? null;
  if (trustProxyHops > 0) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const candidate = forwarded[Math.max(forwarded.length - trustProxyHops, 0)];
    if (candidate && isIP(candidate)) address = candidate;
  }
  return address ? normalise(address) : null;
}

function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head, tail] = address.toLowerCase().replace(/%.*$/, '').split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(8 - left.length - right.length, 0)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
