import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { APIRequestContext } from 'playwright-core';
import { PROJECT_ROOT } from '../config/paths';

/** The web app's own operation files: the server part replays exactly what the pages send. */
const documentOf = (name: string) =>
  readFileSync(path.join(PROJECT_ROOT, 'web', 'src', 'services', `${name}.graphql`), 'utf8');

type Answer = { data?: Record<string, unknown>; errors?: Array<{ message: string }> };

/**
 * The server's part of the web benchmark: the same GraphQL operations the pages send, in the same
 * order (what a page waits for before it sends the next), over HTTP with the signed-in browser's
 * cookie, but with no browser drawing anything. What is left of a page's time beyond it is the
 * browser's: scripts, React and Ant Design drawing, and the machine's load.
 */
export function webServerPart(request: APIRequestContext) {
  const documents = {
    session: documentOf('session'),
    period: documentOf('period'),
    work: documentOf('work'),
  };
  const send = async (document: keyof typeof documents, operationName: string, variables = {}) => {
    const response = await request.post('/graphql', {
      headers: { 'content-type': 'application/json', 'x-recon-csrf': '1' },
      data: { query: documents[document], operationName, variables },
    });
    const answer = (await response.json()) as Answer;
    if (answer.errors?.length) throw new Error(`${operationName}: ${answer.errors[0].message}`);
    return answer.data ?? {};
  };
  const timed = async (work: () => Promise<unknown>) => {
    const begin = performance.now();
    await work();
    return performance.now() - begin;
  };
  const periodReads = (periodId: string) =>
    Promise.all([
      send('period', 'PeriodDetail', { id: periodId }),
      send('period', 'PeriodOurLinesUnmatchedFirst', { id: periodId, first: 100 }),
      send('period', 'PeriodTheirLinesUnmatchedFirst', { id: periodId, first: 100 }),
    ]);
  /** A line's id on one side, found by its document number (untimed). */
  const lineId = async (periodId: string, side: 'Our' | 'Their', docNo: string) => {
    const data = await send('period', `Period${side}Lines`, {
      id: periodId,
      first: 1,
      filter: { state: 'UNMATCHED', search: docNo },
    });
    const period = data.period as Record<string, { edges: Array<{ node: { id: string } }> }>;
    const id = Object.values(period).find((value) => typeof value === 'object')?.edges[0]?.node.id;
    if (!id) throw new Error(`no unmatched line ${docNo}`);
    return id;
  };
  /** Each match's mutation alone (ms), the first part of matchRoundTrip's figure. */
  const mutationMs: number[] = [];
  return {
    mutationMs,
    /** The session, then the period page's first reads together (its bridge and both sides' first lines). */
    periodPage: (periodId: string) =>
      timed(async () => {
        await send('session', 'CurrentUser');
        await periodReads(periodId);
      }),
    /** The session, then My work's first page and its counts together. */
    inbox: () =>
      timed(async () => {
        await send('session', 'CurrentUser');
        await Promise.all([
          send('work', 'WorkTasks', { filter: {}, first: 50 }),
          send('work', 'MyTaskCounts'),
        ]);
      }),
    /** A manual 1:1 match (the Update and its activity), then the page's one read of the period. */
    matchRoundTrip: async (periodId: string, pair: { ours: string; theirs: string }, note: string) => {
      const ledgerEntryIds = [await lineId(periodId, 'Our', pair.ours)];
      const statementLineIds = [await lineId(periodId, 'Their', pair.theirs)];
      const detail = await send('period', 'PeriodDetail', { id: periodId });
      const expectedVersion = (detail.period as { workflowVersion: number }).workflowVersion;
      return timed(async () => {
        mutationMs.push(
          await timed(() =>
            send('period', 'MatchLinesByHand', {
              periodId,
              ledgerEntryIds,
              statementLineIds,
              note,
              expectedVersion,
            }),
          ),
        );
        await periodReads(periodId);
      });
    },
  };
}
