import type { RunningApi } from '../../api/server';
import { MatchGroupState, MatchSide, PeriodStatus, UserRole } from '../../contract/enums';
import { MatchGroup } from '../../entities/match-group.entity';
import { MatchGroupMember } from '../../entities/match-group-member.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Money } from '../../money/decimal';
import { codes, gql } from '../support/api-client';
import { seedCustomer, type Line } from '../support/fixtures';
import { staffTokens, startHarnessApi } from '../support/harness-api';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';

interface LineNode {
  id: string;
  side: string;
  date: string;
  docNo: string | null;
  amount: string;
  matchState: string;
  matchGroupId: string | null;
}
interface LinePage {
  edges: Array<{ cursor: string; node: LineNode }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type LinesAnswer = { period: { ledgerEntries: LinePage; statementLines: LinePage } };

const LINES = `query ($id: ID!, $first: Int, $after: String, $filter: PeriodLineFilter) {
  period(id: $id) {
    ledgerEntries(first: $first, after: $after, filter: $filter) {
      edges { cursor node { id side date docNo amount matchState matchGroupId } } pageInfo { hasNextPage endCursor } }
    statementLines(first: $first, after: $after, filter: $filter) {
      edges { cursor node { id side date docNo amount matchState matchGroupId } } pageInfo { hasNextPage endCursor } }
  }
}`;

describe('a period lists both sides with their place in the latest match run', () => {
  let h: PeriodHarness;
  let api: RunningApi;
  let periodId: string;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    h = await startPeriodHarness('lines');
    api = await startHarnessApi(h, { maxBodyBytes: 1024 * 1024 });
    Object.assign(
      bearer,
      await staffTokens(h.db.dataSource, [
        ['clerk', UserRole.CLERK],
        ['auditor', UserRole.AUDITOR],
      ]),
    );
    const inv1: Line = { id: 'i1', date: '2026-10-03', ref: 'INV-1', kind: 'INVOICE', amount: '1200.00' };
    const inv2: Line = { id: 'i2', date: '2026-10-09', ref: 'INV-2', kind: 'INVOICE', amount: '800.00' };
    const receipt: Line = { id: 'r1', date: '2026-10-20', ref: 'RC-9', kind: 'RECEIPT', amount: '-500.00' };
    const theirOnly: Line = {
      id: 't9',
      date: '2026-10-28',
      ref: 'DN-77',
      kind: 'DEBIT_NOTE',
      amount: '15.00',
    };
    await seedCustomer(h.db.dataSource, 'LNS', [inv1, inv2, receipt], [inv1, inv2, theirOnly]);
    const opened = await h.periods.openPeriod('LNS', '2026-10-01', '2026-10-31');
    await h.waitForStatus(opened.workflowId, PeriodStatus.IN_REVIEW);
    periodId = opened.period.id;
  });

  afterAll(async () => {
    await api?.stop();
    await h?.stop();
  });

  it('shows each side in date order with the matched pairs sharing a group', async () => {
    const answer = await gql<LinesAnswer>(api.graphqlUrl, LINES, { id: periodId }, bearer.clerk);
    expect(answer.errors).toBeUndefined();
    const ours = answer.data!.period.ledgerEntries.edges.map((e) => e.node);
    const theirs = answer.data!.period.statementLines.edges.map((e) => e.node);
    expect(ours.map((l) => [l.docNo, l.amount, l.matchState, l.side])).toEqual([
      ['INV-1', '1200', 'MATCHED', 'OURS'],
      ['INV-2', '800', 'MATCHED', 'OURS'],
      ['RC-9', '-500', 'UNMATCHED', 'OURS'],
    ]);
    expect(theirs.map((l) => [l.docNo, l.matchState, l.side])).toEqual([
      ['INV-1', 'MATCHED', 'THEIRS'],
      ['INV-2', 'MATCHED', 'THEIRS'],
      ['DN-77', 'UNMATCHED', 'THEIRS'],
    ]);
    // A pair shares its group; the unmatched lines have none.
    expect(ours[0].matchGroupId).toBe(theirs[0].matchGroupId);
    expect(ours[1].matchGroupId).toBe(theirs[1].matchGroupId);
    expect(ours[0].matchGroupId).not.toBe(ours[1].matchGroupId);
    expect(ours[2].matchGroupId).toBeNull();
  });

  it('filters by state and search, and pages by cursor without losing or repeating a line', async () => {
    const unmatched = await gql<LinesAnswer>(
      api.graphqlUrl,
      LINES,
      { id: periodId, filter: { state: 'UNMATCHED' } },
      bearer.auditor,
    );
    expect(unmatched.data!.period.ledgerEntries.edges.map((e) => e.node.docNo)).toEqual(['RC-9']);
    expect(unmatched.data!.period.statementLines.edges.map((e) => e.node.docNo)).toEqual(['DN-77']);

    const searched = await gql<LinesAnswer>(
      api.graphqlUrl,
      LINES,
      { id: periodId, filter: { search: 'inv-2' } },
      bearer.clerk,
    );
    expect(searched.data!.period.ledgerEntries.edges.map((e) => e.node.docNo)).toEqual(['INV-2']);

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const answer: Awaited<ReturnType<typeof gql<LinesAnswer>>> = await gql<LinesAnswer>(
        api.graphqlUrl,
        LINES,
        { id: periodId, first: 2, after },
        bearer.clerk,
      );
      const connection: LinePage = answer.data!.period.ledgerEntries;
      seen.push(...connection.edges.map((e) => e.node.docNo ?? ''));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(['INV-1', 'INV-2', 'RC-9']);
  });

  it('narrows to given ids (a difference’s lines), and refuses ids that are not ids', async () => {
    const all = await gql<LinesAnswer>(api.graphqlUrl, LINES, { id: periodId }, bearer.clerk);
    const ours = all.data!.period.ledgerEntries.edges.map((e) => e.node);
    const theirs = all.data!.period.statementLines.edges.map((e) => e.node);
    const wanted = [ours[2].id, theirs[0].id];
    const narrowed = await gql<LinesAnswer>(
      api.graphqlUrl,
      LINES,
      { id: periodId, filter: { ids: wanted } },
      bearer.clerk,
    );
    expect(narrowed.errors).toBeUndefined();
    // Each side keeps its own of the ids (line ids of the two sides are separate rows).
    expect(narrowed.data!.period.ledgerEntries.edges.map((e) => e.node.id)).toEqual(
      ours.filter((line) => wanted.includes(line.id)).map((line) => line.id),
    );
    expect(narrowed.data!.period.ledgerEntries.edges.map((e) => e.node.docNo)).toContain('RC-9');
    expect(narrowed.data!.period.statementLines.edges.map((e) => e.node.docNo)).toContain('INV-1');
    const none = await gql<LinesAnswer>(
      api.graphqlUrl,
      LINES,
      { id: periodId, filter: { ids: [] } },
      bearer.clerk,
    );
    expect(none.data!.period.ledgerEntries.edges).toEqual([]);
    const bad = await gql(
      api.graphqlUrl,
      LINES,
      { id: periodId, filter: { ids: ['1', '1) OR (1=1'] } },
      bearer.clerk,
    );
    expect(codes(bad)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors)).toContain('filter.ids[1]');
  });

  it('refuses a page over the limit, a forged cursor and a caller without credentials', async () => {
    const tooMany = await gql(api.graphqlUrl, LINES, { id: periodId, first: 1001 }, bearer.clerk);
    expect(codes(tooMany)).toContain('BAD_USER_INPUT');
    const forged = await gql(
      api.graphqlUrl,
      LINES,
      { id: periodId, after: Buffer.from('pl:2026-10-01|1 OR 1=1').toString('base64url') },
      bearer.clerk,
    );
    expect(codes(forged)).toContain('BAD_USER_INPUT');
    const anonymous = await gql(api.graphqlUrl, LINES, { id: periodId });
    expect(codes(anonymous)).toContain('UNAUTHENTICATED');
  });

  it('shows a line only in a suggestion as SUGGESTED, and a decided group before a suggestion', async () => {
    const before = await gql<LinesAnswer>(api.graphqlUrl, LINES, { id: periodId }, bearer.clerk);
    const [inv1, , receipt] = before.data!.period.ledgerEntries.edges.map((e) => e.node);
    const debitNote = before.data!.period.statementLines.edges[2].node;
    const ds = h.db.dataSource;
    const { matchRun } = await ds.getRepository(ReconciliationPeriod).findOneByOrFail({ id: periodId });
    const suggest = async (key: string, members: Array<Partial<MatchGroupMember>>) => {
      const group = await ds.getRepository(MatchGroup).save({
        periodId,
        matchRun,
        groupKey: key,
        rule: 'AMOUNT_DATE_WINDOW',
        confidence: '0.5000',
        state: MatchGroupState.SUGGESTED,
        residual: new Money('0'),
        evidence: 'test suggestion',
      });
      await ds
        .getRepository(MatchGroupMember)
        .insert(members.map((m) => ({ amount: new Money('0'), ...m, groupId: group.id })));
      return group.id;
    };
    // The unmatched receipt and debit note suggested together; the matched INV-1 in a suggestion too.
    const pair = await suggest('test:pair', [
      { side: MatchSide.OURS, ledgerEntryId: receipt.id },
      { side: MatchSide.THEIRS, statementLineId: debitNote.id },
    ]);
    await suggest('test:inv1', [{ side: MatchSide.OURS, ledgerEntryId: inv1.id }]);

    const after = await gql<LinesAnswer>(api.graphqlUrl, LINES, { id: periodId }, bearer.clerk);
    const ours = after.data!.period.ledgerEntries.edges.map((e) => e.node);
    expect(ours.map((l) => [l.docNo, l.matchState])).toEqual([
      ['INV-1', 'MATCHED'],
      ['INV-2', 'MATCHED'],
      ['RC-9', 'SUGGESTED'],
    ]);
    expect(ours[0].matchGroupId).toBe(inv1.matchGroupId);
    expect(ours[2].matchGroupId).toBe(pair);
    const suggested = await gql<LinesAnswer>(
      api.graphqlUrl,
      LINES,
      { id: periodId, filter: { state: 'SUGGESTED' } },
      bearer.clerk,
    );
    expect(suggested.data!.period.ledgerEntries.edges.map((e) => e.node.docNo)).toEqual(['RC-9']);
    expect(suggested.data!.period.statementLines.edges.map((e) => e.node.docNo)).toEqual(['DN-77']);
    const unmatched = await gql<LinesAnswer>(
      api.graphqlUrl,
      LINES,
      { id: periodId, filter: { state: 'UNMATCHED' } },
      bearer.clerk,
    );
    expect(unmatched.data!.period.ledgerEntries.edges).toEqual([]);
    const matched = await gql<LinesAnswer>(
      api.graphqlUrl,
      LINES,
      { id: periodId, filter: { state: 'MATCHED' } },
      bearer.clerk,
    );
    expect(matched.data!.period.ledgerEntries.edges.map((e) => e.node.docNo)).toEqual(['INV-1', 'INV-2']);
  });
});
