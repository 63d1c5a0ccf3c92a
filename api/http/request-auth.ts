import type { IncomingMessage } from 'node:http';
import type { DataSource } from 'typeorm';
import { authenticate, type AuthSecrets } from '../../auth/authenticate';
import type { Principal } from '../../auth/principal';
import { sessionLookup, type SessionLookup } from '../../auth/sessions';
import { batchedUserLookup, type UserLookup } from '../../auth/user-lookup';
import { findApiKeyRecord, type ApiKeyRecords } from '../../auth/api-keys';
import { CredentialCache } from '../../auth/credential-cache';
import { parseCookies, serializeCookie } from './cookies';
import { crossSite, csrfSafe } from './same-origin';
import { DomainError } from '../../common/domain-error';
import { ApiErrorCode } from '../error-codes';

/** How a request proved who it is. */
export interface RequestAuth {
  principal: Principal | null;
  /** `header`: Authorization (integrators, tokens); `session`: the browser's cookie; `none`. */
  via: 'header' | 'session' | 'none';
  /** The session cookie's value, when the request carried one (live or not). */
  sessionId?: string;
  /** The request carries the web app's CSRF header and no sign of another site. */
  csrfSafe: boolean;
}

export interface RequestAuthOptions {
  dataSource: DataSource;
  auth: AuthSecrets;
  /** PUBLIC_URL: its scheme decides Secure cookies, its origin is one of ours. */
  publicUrl?: string;
  users?: UserLookup;
  sessions?: SessionLookup;
  /**
   * AUTH_CACHE_MS: how long a user's standing and an API key's record are remembered (0 or absent:
   * read at every request). A revoked key, a deactivated user or a changed role takes effect within
   * it; a change made through this process takes effect at once (forgetCredentials).
   */
  cacheMs?: number;
}

/** The session cookie: `__Host-` prefixed (bound to this host, Secure, Path=/) over https. */
export class SessionCookie {
  readonly secure: boolean;
  readonly name: string;

  constructor(publicUrl: string | undefined) {
    this.secure = publicUrl?.startsWith('https://') ?? false;
    this.name = this.secure ? '__Host-recon_session' : 'recon_session';
  }

  set(id: string, expiresAt: Date): string {
    return serializeCookie(this.name, id, {
      maxAgeSeconds: (expiresAt.getTime() - Date.now()) / 1000,
      secure: this.secure,
    });
  }

  clear(): string {
    return serializeCookie(this.name, '', { maxAgeSeconds: 0, secure: this.secure });
  }
}

/**
 * Who is calling, for every route (GraphQL, reports, uploads, subscriptions): an Authorization
 * header first (integrators' keys and tokens, customers' links), else the browser's session
 * cookie. A cookie whose session ended (signed out, expired, user deactivated) is anonymous: the
 * operations that need someone answer UNAUTHENTICATED, and signing in again still works.
 */
export class RequestAuthenticator {
  readonly cookie: SessionCookie;
  readonly publicOrigin: string | undefined;
  private readonly users: UserLookup;
  private readonly sessions: SessionLookup;
  private readonly apiKeys: ApiKeyRecords;
  private readonly caches: Array<{ clear(): void }> = [];

  constructor(private readonly options: RequestAuthOptions) {
    this.cookie = new SessionCookie(options.publicUrl);
    this.publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
    const users = options.users ?? batchedUserLookup(options.dataSource);
    const apiKeys: ApiKeyRecords = (prefix) => findApiKeyRecord(options.dataSource, prefix);
    const ttl = options.cacheMs ?? 0;
    if (ttl > 0) {
      const standings = new CredentialCache(users, ttl);
      const records = new CredentialCache(apiKeys, ttl);
      this.caches.push(standings, records);
      this.users = (id) => standings.get(id);
      this.apiKeys = (prefix) => records.get(prefix);
    } else {
      this.users = users;
      this.apiKeys = apiKeys;
    }
    this.sessions = options.sessions ?? sessionLookup(options.dataSource);
  }

  /** Forgets every remembered standing and key: after a revocation, a deactivation or a role change here. */
  forgetCredentials(): void {
    for (const cache of this.caches) cache.clear();
  }

  /** An Authorization header's caller (as a request's, or a WebSocket's connectionParams). */
  fromHeader(header: string): Promise<Principal | null> {
    return authenticate(this.options.dataSource, this.options.auth, header, this.users, this.apiKeys);
  }

  async authenticate(req: IncomingMessage): Promise<RequestAuth> {
    const safe = csrfSafe(req, this.publicOrigin);
    const header = req.headers.authorization;
    if (header) {
      const principal = await this.fromHeader(header);
      return { principal, via: 'header', csrfSafe: safe };
    }
    const sessionId = parseCookies(req.headers.cookie).get(this.cookie.name);
    if (!sessionId) return { principal: null, via: 'none', csrfSafe: safe };
    const user = await this.sessions(sessionId);
    const principal: Principal | null =
      user && user.active
        ? {
            kind: 'user',
            userId: user.userId,
            role: user.role,
            name: user.name,
            secondFactor: user.secondFactor,
          }
        : null;
    return { principal, via: principal ? 'session' : 'none', sessionId, csrfSafe: safe };
  }

  /** Whether a cookie-authenticated read (a download link) may proceed: not started by another site. */
  sameSiteRead(req: IncomingMessage): boolean {
    return !crossSite(req, this.publicOrigin, true);
  }

  /**
   * The caller of a REST route. A browser session counts only from Recon's own pages: for a write
   * with the app's header and no sign of another site, for a read (a download) when no other site
   * started it. Throws CsrfRefused otherwise, and AuthError for a header that does not verify.
   */
  async principalOf(req: IncomingMessage, write: boolean): Promise<Principal | null> {
    const auth = await this.authenticate(req);
    if (auth.via === 'session' && !(write ? auth.csrfSafe : this.sameSiteRead(req))) throw new CsrfRefused();
    return auth.principal;
  }

  /** A GraphQL request that carries the session cookie must come from the app's own pages. */
  refuseCrossSite(req: IncomingMessage): { code: ApiErrorCode; message: string } | undefined {
    if (req.headers.authorization || !parseCookies(req.headers.cookie).has(this.cookie.name))
      return undefined;
    if (csrfSafe(req, this.publicOrigin)) return undefined;
    return { code: ApiErrorCode.CSRF_REJECTED, message: CsrfRefused.MESSAGE };
  }
}

/** A cookie-authenticated request that did not come from Recon's own pages (HTTP 403 CSRF_REJECTED). */
export class CsrfRefused extends DomainError<CsrfErrorCode> {
  static readonly MESSAGE =
    'requests with the session cookie need the x-recon-csrf header and must come from a page of this origin';

  constructor() {
    super(CsrfErrorCode.CSRF_REJECTED, CsrfRefused.MESSAGE);
  }
}

export enum CsrfErrorCode {
  CSRF_REJECTED = 'CSRF_REJECTED',
}
