import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress, type PrivateHostAllowList } from './private-addresses';

/** Why a webhook URL may not be called; the words the delivery log and the refusal use. */
export class TargetRefused extends Error {}

const ALLOW_HINT = 'allow it with WEBHOOK_ALLOW_PRIVATE_HOSTS';

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

function checkAddress(host: string, address: string, allow: PrivateHostAllowList): void {
  if (isPrivateAddress(address) && !allow.allowsAddress(address))
    throw new TargetRefused(
      isIP(host)
        ? `${host} is a private address: ${ALLOW_HINT}`
        : `${host} resolves to a private address: ${ALLOW_HINT}`,
    );
}

const resolveAll = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/**
 * Refuses a URL whose host is, or resolves to, an address a webhook may not reach (loopback,
 * private, link-local, …) unless the allow-list names the host or the address.
 */
export async function checkWebhookTarget(url: URL, allow: PrivateHostAllowList): Promise<void> {
  const host = hostOf(url);
  if (allow.allowsName(host)) return;
  if (isIP(host)) return checkAddress(host, host, allow);
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch {
    throw new TargetRefused(`${host} does not resolve`);
  }
  if (addresses.length === 0) throw new TargetRefused(`${host} does not resolve`);
  for (const { address } of addresses) checkAddress(host, address, allow);
}

/**
 * The socket's own DNS lookup, checked: the connection goes to an address that passed the check, so
 * a name that resolves to a public address when checked and a private one when called (DNS
 * rebinding) is still refused.
 */
function checkedLookup(allow: PrivateHostAllowList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      try {
        if (!allow.allowsName(hostname))
          for (const { address } of addresses) checkAddress(hostname, address, allow);
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export interface PostOutcome {
  statusCode: number | null;
  /** What the delivery log says: a status or a kind of failure, never the receiver's body. */
  error: string | null;
}

/**
 * POSTs a webhook to a checked address, without following redirects (a 3xx is a failure: following
 * one could lead anywhere). The answer's body is never read.
 */
export async function postToWebhook(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  allow: PrivateHostAllowList,
): Promise<PostOutcome> {
  try {
    if (isIP(hostOf(url)) && !allow.allowsName(hostOf(url))) checkAddress(hostOf(url), hostOf(url), allow);
  } catch (refused) {
    return { statusCode: null, error: `refused: ${(refused as Error).message}` };
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<PostOutcome>((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: checkedLookup(allow),
        timeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        const redirect = status >= 300 && status < 400;
        resolve({
          statusCode: status,
          error: ok ? null : redirect ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`,
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve({ statusCode: null, error: failureOf(error) }));
    request.end(body);
  });
}

/** A failure as a kind, not the library's message (which can name internal hosts and ports). */
function failureOf(error: Error): string {
  if (error instanceof TargetRefused) return `refused: ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (
    error.message === 'timeout' ||
    error.name === 'TimeoutError' ||
    error.name === 'AbortError' ||
    code === 'ETIMEDOUT'
  )
    return 'timed out';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host does not resolve';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return 'TLS failed';
  return 'connection failed';
}
