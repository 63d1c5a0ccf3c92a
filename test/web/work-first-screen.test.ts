import {
  EARLY_READ_FRESH_MS,
  EARLY_READS_GLOBAL,
  earlyReadKey,
  peekEarlyRead,
  takeEarlyRead,
} from '../../web/src/services/early-reads';
import {
  takeWorkFirstScreen,
  watchWorkFirstScreen,
  workFirstScreenAnswered,
} from '../../web/src/services/work-first-screen';

// My work's first screen, drawn from the answers of the page's first script before Apollo Client
// reads them (web/src/services/work-first-screen.ts).
describe("My work's first screen from the early reads", () => {
  const variables = { filter: {}, first: 50 };
  const list = {
    workTasks: { edges: [{ cursor: 'c1', node: { id: '7' } }], pageInfo: { hasNextPage: false } },
  };
  const counts = { myTaskCounts: { total: 1, overdue: 0, mine: 0, unclaimed: 1, byKind: [] } };
  const global = globalThis as Record<string, unknown>;
  const sent = (answers: { list: Promise<unknown>; counts: Promise<unknown> }) => {
    const at = Date.now();
    global[EARLY_READS_GLOBAL] = {
      [earlyReadKey('WorkTasks', variables)]: { at, answer: answers.list },
      [earlyReadKey('MyTaskCounts', {})]: { at, answer: answers.counts },
    };
  };
  afterEach(() => {
    delete global[EARLY_READS_GLOBAL];
    takeWorkFirstScreen(variables);
  });

  it('peeks at an early read without taking it, and not at a stale one', () => {
    const answer = Promise.resolve({ data: list });
    const reads = { [earlyReadKey('WorkTasks', variables)]: { at: 1_000, answer } };
    expect(peekEarlyRead('WorkTasks', variables, reads, 1_500)).toBe(answer);
    expect(peekEarlyRead('WorkTasks', variables, reads, 1_000 + EARLY_READ_FRESH_MS)).toBeUndefined();
    // Still there for Apollo's link.
    expect(takeEarlyRead('WorkTasks', variables, reads, 1_500)).toBe(answer);
    expect(peekEarlyRead('WorkTasks', variables, reads, 1_500)).toBeUndefined();
  });

  it('gives both answers once, and leaves the reads for Apollo', async () => {
    sent({ list: Promise.resolve({ data: list }), counts: Promise.resolve({ data: counts }) });
    expect(watchWorkFirstScreen(variables)).toBe(true);
    await workFirstScreenAnswered();
    expect(takeWorkFirstScreen({ first: 50, filter: {} })).toEqual({ list, counts });
    expect(takeWorkFirstScreen(variables)).toBeUndefined();
    expect(takeEarlyRead('WorkTasks', variables)).toBeDefined();
    expect(takeEarlyRead('MyTaskCounts', {})).toBeDefined();
  });

  it('gives nothing when the first script sent no reads, or other variables, or late', async () => {
    expect(watchWorkFirstScreen(variables)).toBe(false);
    expect(workFirstScreenAnswered()).toBeUndefined();
    sent({ list: Promise.resolve({ data: list }), counts: Promise.resolve({ data: counts }) });
    expect(watchWorkFirstScreen(variables)).toBe(true);
    await workFirstScreenAnswered();
    expect(takeWorkFirstScreen({ filter: { scope: 'MINE' }, first: 50 })).toBeUndefined();
    expect(watchWorkFirstScreen(variables, 1_000)).toBe(true);
    await workFirstScreenAnswered();
    expect(takeWorkFirstScreen(variables, 1_000 + EARLY_READ_FRESH_MS)).toBeUndefined();
  });

  it('gives nothing before the answers are in, or when one has an error or failed', async () => {
    sent({ list: new Promise(() => undefined), counts: Promise.resolve({ data: counts }) });
    watchWorkFirstScreen(variables);
    expect(takeWorkFirstScreen(variables)).toBeUndefined();
    sent({
      list: Promise.resolve({ data: list }),
      counts: Promise.resolve({
        data: null,
        errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }],
      }),
    });
    watchWorkFirstScreen(variables);
    await workFirstScreenAnswered();
    expect(takeWorkFirstScreen(variables)).toBeUndefined();
    sent({ list: Promise.reject(new Error('HTTP 502')), counts: Promise.resolve({ data: counts }) });
    watchWorkFirstScreen(variables);
    await workFirstScreenAnswered();
    expect(takeWorkFirstScreen(variables)).toBeUndefined();
  });
});
