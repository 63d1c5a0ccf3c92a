import type { IncomingMessage } from 'node:http';
import type { Router } from 'express';
import express from 'express';
import type { DataSource } from 'typeorm';
import { CustomerLinkError, CustomerLinkErrorCode } from '../../auth/customer-link';
import { resolveShortCode } from '../../auth/customer-short-link';
import { logInternalError } from '../internal-errors';
import { forgetWindowsBefore, takeFromWindow, windowKeyHash } from '../../db/window-counter';
import { clientAddress } from './client-address';

export interface ShortLinkDeps {
  dataSource: DataSource;
  linkSecret: string;
  trustProxyHops: number;
  /** PUBLIC_URL: the confirm page is under it (it may carry a path behind a proxy); else this host's root. */
  publicUrl?: string;
  /** Lookups per client address per minute (default SHORT_LINK_LOOKUPS_PER_MINUTE). */
  lookupsPerMinute?: number;
}

/** A person types or scans a handful; anything more from one address is someone guessing codes. */
export const SHORT_LINK_LOOKUPS_PER_MINUTE = 20;
/** Lookup windows older than this are removed now and then (no login window is longer). */
const FORGET_AFTER_SECONDS = 24 * 3600;

/** Addresses a process remembers at most; past that its window starts afresh (memory stays bounded). */
const MAX_LOCAL_ADDRESSES = 10_000;

/**
 * Lookups per address per minute, counted in the database so every API process shares the count
 * (per process, n processes let n times as many guesses through). The process's own count is a
 * first gate: an address it alone has seen over the limit is refused without a database write, so
 * a flood of refused lookups costs the database nothing.
 */
class LookupLimiter {
  private calls = 0;
  private window = 0;
  private readonly local = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly perMinute: number,
  ) {}

  async allow(address: string, now = Date.now()): Promise<boolean> {
    const window = Math.floor(now / 60_000);
    if (window !== this.window || this.local.size >= MAX_LOCAL_ADDRESSES) {
      this.window = window;
      this.local.clear();
    }
    const seen = (this.local.get(address) ?? 0) + 1;
    this.local.set(address, seen);
    if (seen > this.perMinute) return false;
    const count = await takeFromWindow(this.dataSource, windowKeyHash(`short-link:${address}`), 60);
    this.calls = (this.calls + 1) % 500;
    if (this.calls === 0) await forgetWindowsBefore(this.dataSource, FORGET_AFTER_SECONDS);
    return count <= this.perMinute;
  }
}

const PAGES = {
  unknown: {
    status: 404,
    zh: '此链接无效。请核对链接是否完整，或使用对账邮件中的链接。',
    en: 'This link is not valid. Check that it is complete, or use the link in our statement e-mail.',
  },
  expired: {
    status: 410,
    zh: '此确认链接已过期。请联系我们重新发送对账单。',
    en: 'This confirmation link has expired. Please contact us to send the statement again.',
  },
  revoked: {
    status: 410,
    zh: '此确认链接已失效：已发送了更新的对账单，请使用最新邮件中的链接。',
    en: 'This confirmation link is no longer valid: a newer statement was sent, please use the link in the latest e-mail.',
  },
  busy: {
    status: 429,
    zh: '查询过于频繁，请一分钟后再试。',
    en: 'Too many attempts: please try again in a minute.',
  },
  failed: {
    status: 500,
    zh: '暂时无法打开此链接，请稍后再试。',
    en: 'This link cannot be opened just now: please try again later.',
  },
} as const;
type PageName = keyof typeof PAGES;

/** The page a person sees when the short link does not lead on: says why and what to do, nothing else. */
function errorPage(name: PageName): string {
  const page = PAGES[name];
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>对账确认 Statement confirmation</title></head><body>',
    '<h1>对账确认 Statement confirmation</h1>',
    `<p>${page.zh}</p>`,
    `<p lang="en">${page.en}</p>`,
    '</body></html>',
  ].join('\n');
}

const PAGE_OF: Record<CustomerLinkErrorCode, PageName> = {
  [CustomerLinkErrorCode.MALFORMED]: 'unknown',
  [CustomerLinkErrorCode.BAD_SIGNATURE]: 'unknown',
  [CustomerLinkErrorCode.EXPIRED]: 'expired',
  [CustomerLinkErrorCode.REVOKED]: 'revoked',
};

/**
 * GET /c/:code, the short link printed (with its QR code) on the statement and the 询证函 and shown
 * in the e-mail: a 303 to the round's own confirmation link (`/confirm?token=…`), which the confirm
 * page then uses as ever. A forged, expired or revoked code gets a plain page saying so (404/410);
 * lookups are rate-limited per client address across the API processes (429). Nothing is cached: the answer changes as the
 * round moves on.
 */
export function shortLinkRouter(deps: ShortLinkDeps): Router {
  const router = express.Router();
  const limiter = new LookupLimiter(deps.dataSource, deps.lookupsPerMinute ?? SHORT_LINK_LOOKUPS_PER_MINUTE);
  const send = (res: express.Response, name: PageName) => {
    res.status(PAGES[name].status).type('html').setHeader('Cache-Control', 'no-store');
    if (name === 'busy') res.setHeader('Retry-After', '60');
    res.send(errorPage(name));
  };
  router.get('/c/:code', async (req, res) => {
    const address = clientAddress(req as IncomingMessage, deps.trustProxyHops) ?? 'unknown';
    try {
      if (!(await limiter.allow(address))) return send(res, 'busy');
      const token = await resolveShortCode(deps.dataSource, deps.linkSecret, String(req.params.code));
      res.setHeader('Cache-Control', 'no-store');
      const base = (deps.publicUrl ?? '').replace(/\/+$/, '');
      return res.redirect(303, `${base}/confirm?token=${encodeURIComponent(token)}`);
    } catch (error) {
      if (error instanceof CustomerLinkError) return send(res, PAGE_OF[error.code]);
      logInternalError('short link', error);
      return send(res, 'failed');
    }
  });
  return router;
}
