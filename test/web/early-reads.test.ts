import { runInNewContext } from 'node:vm';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { Observable } from 'rxjs';
import { earlyRead, earlyReadsScript, type EarlyReadsPlan } from '../../web/build/early-reads';
import { settledOrAfter } from '../../web/src/app/first-render';
import {
  canonicalJson,
  EARLY_READ_FRESH_MS,
  EARLY_READS_GLOBAL,
  earlyReadKey,
  takeEarlyRead,
} from '../../web/src/services/early-reads';
import { earlyReads } from '../../web/src/services/early-reads-link';
import { CurrentUserDocument } from '../../web/src/services/session.generated';
import { WorkTasksDocument } from '../../web/src/services/work.generated';

// My work's first reads, sent by the page's first script before the app's scripts have run
// (web/build/early-reads.ts), and taken by the app's Apollo link (web/src/services/early-reads.ts).
describe('early reads', () => {
  it('keys a read by operation and variables whatever the order of their keys', () => {
    expect(canonicalJson({ first: 50, filter: { scope: 'MINE', kind: 'ESCALATION' } })).toBe(
      '{"filter":{"kind":"ESCALATION","scope":"MINE"},"first":50}',
    );
    expect(earlyReadKey('WorkTasks', { filter: {}, first: 50 })).toBe(
      earlyReadKey('WorkTasks', { first: 50, filter: {}, after: undefined }),
    );
    expect(earlyReadKey('CurrentUser', undefined)).toBe('CurrentUser|{}');
    expect(earlyReadKey('WorkTasks', { filter: {}, first: 50 })).not.toBe(
      earlyReadKey('WorkTasks', { filter: { scope: 'MINE' }, first: 50 }),
    );
  });

  it('gives a read once, and not when it is stale', () => {
    const answer = Promise.resolve({ data: { me: null } });
    const reads = {
      [earlyReadKey('CurrentUser', {})]: { at: 1_000, answer },
      [earlyReadKey('WorkTasks', { first: 50 })]: { at: 1_000, answer },
    };
    expect(takeEarlyRead('CurrentUser', {}, reads, 1_500)).toBe(answer);
    expect(takeEarlyRead('CurrentUser', {}, reads, 1_500)).toBeUndefined();
    expect(takeEarlyRead('WorkTasks', { first: 50 }, reads, 1_000 + EARLY_READ_FRESH_MS)).toBeUndefined();
    expect(takeEarlyRead('WorkTasks', { first: 50 }, undefined)).toBeUndefined();
  });

  it('sends each document as Apollo Client does, with __typename in every selection', () => {
    const read = earlyRead(WorkTasksDocument, { filter: {}, first: 50 }, earlyReadKey);
    const body = JSON.parse(read.body) as { operationName: string; variables: object; query: string };
    expect(read.key).toBe('WorkTasks|{"filter":{},"first":50}');
    expect(body.operationName).toBe('WorkTasks');
    expect(body.variables).toEqual({ filter: {}, first: 50 });
    expect(body.query).toMatch(/^query WorkTasks\(/);
    expect(body.query).toContain('fragment WorkTaskRow on Task');
    // The task row, its customer and the connection's parts: each selection names its type.
    expect(body.query.match(/__typename/g)!.length).toBeGreaterThanOrEqual(4);
  });

  describe('the first script', () => {
    const plan: EarlyReadsPlan = {
      path: '/work',
      roles: ['CLERK', 'MANAGER'],
      roleKey: 'recon.signedInRole',
      headers: { 'content-type': 'application/json', 'x-recon-csrf': '1' },
      global: EARLY_READS_GLOBAL,
      reads: [earlyRead(CurrentUserDocument, {}, earlyReadKey)],
    };

    /** Runs the script in a page at this address, with this role remembered; what it sent and left. */
    function run(address: string, role: string | null, status = 200) {
      const url = new URL(address, 'http://recon.test');
      const sent: Array<{ url: string; init: RequestInit }> = [];
      const window: Record<string, unknown> = {};
      runInNewContext(earlyReadsScript(plan), {
        window,
        location: { pathname: url.pathname, search: url.search },
        localStorage: { getItem: (key: string) => (key === plan.roleKey ? role : null) },
        Date,
        fetch: (to: string, init: RequestInit) => {
          sent.push({ url: to, init });
          return Promise.resolve({ ok: status === 200, status, json: async () => ({ data: { me: 1 } }) });
        },
      });
      return { sent, reads: window[EARLY_READS_GLOBAL] as Record<string, { answer: Promise<unknown> }> };
    }

    it('sends the reads on the page’s address for a remembered role, as the app would', async () => {
      const { sent, reads } = run('/work', 'CLERK');
      expect(sent).toHaveLength(1);
      expect(sent[0].url).toBe('/graphql');
      expect(sent[0].init).toMatchObject({
        method: 'POST',
        credentials: 'same-origin',
        headers: plan.headers,
        body: plan.reads[0].body,
      });
      await expect(reads['CurrentUser|{}'].answer).resolves.toEqual({ data: { me: 1 } });
    });

    it('sends nothing elsewhere, with filters in the address, or without a role that may open the page', () => {
      for (const [address, role] of [
        ['/periods', 'CLERK'],
        ['/work?scope=MINE', 'CLERK'],
        ['/work', null],
        ['/work', 'AUDITOR'],
      ] as const) {
        const { sent, reads } = run(address, role);
        expect(sent).toHaveLength(0);
        expect(reads).toBeUndefined();
      }
    });

    it('fails a refused read (the app then sends its own)', async () => {
      const { reads } = run('/work', 'MANAGER', 403);
      await expect(reads['CurrentUser|{}'].answer).rejects.toThrow('HTTP 403');
    });
  });

  it('draws the app once the opened page’s chunks are in, or after the cap', async () => {
    await expect(settledOrAfter(undefined, 10_000)).resolves.toBeUndefined();
    const order: string[] = [];
    await settledOrAfter(
      Promise.reject(new Error('chunk failed')).finally(() => order.push('failed')),
      10_000,
    ).then(() => order.push('drawn'));
    expect(order).toEqual(['failed', 'drawn']);
    const started = Date.now();
    await settledOrAfter(new Promise(() => undefined), 50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  describe("the app's link", () => {
    const me = {
      __typename: 'Viewer',
      kind: 'user',
      name: 'Ada',
      role: 'CLERK',
      twoFactorEnabled: false,
      mustEnrol: false,
    };
    const global = globalThis as Record<string, unknown>;
    afterEach(() => delete global[EARLY_READS_GLOBAL]);

    /** A client whose network answers `name` and counts what it was asked. */
    function client(name: string) {
      const asked: string[] = [];
      const network = new ApolloLink(
        (operation) =>
          new Observable((observer) => {
            asked.push(operation.operationName ?? '');
            observer.next({ data: { me: { ...me, name } } });
            observer.complete();
          }),
      );
      return {
        asked,
        client: new ApolloClient({
          link: ApolloLink.from([earlyReads, network]),
          cache: new InMemoryCache(),
        }),
      };
    }

    it('answers a query from its early read, once, and sends the next one', async () => {
      global[EARLY_READS_GLOBAL] = {
        'CurrentUser|{}': {
          at: Date.now(),
          answer: Promise.resolve({ data: { me: { ...me, name: 'early' } } }),
        },
      };
      const { asked, client: apollo } = client('network');
      const first = await apollo.query({ query: CurrentUserDocument, fetchPolicy: 'network-only' });
      expect(first.data?.me.name).toBe('early');
      expect(asked).toEqual([]);
      const second = await apollo.query({ query: CurrentUserDocument, fetchPolicy: 'network-only' });
      expect(second.data?.me.name).toBe('network');
      expect(asked).toEqual(['CurrentUser']);
    });

    it('sends the query itself when the early read failed', async () => {
      global[EARLY_READS_GLOBAL] = {
        'CurrentUser|{}': { at: Date.now(), answer: Promise.reject(new Error('HTTP 502')) },
      };
      const { asked, client: apollo } = client('network');
      const answer = await apollo.query({ query: CurrentUserDocument, fetchPolicy: 'network-only' });
      expect(answer.data?.me.name).toBe('network');
      expect(asked).toEqual(['CurrentUser']);
    });
  });
});
