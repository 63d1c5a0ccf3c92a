import { EventWatermark } from '../../web/src/services/event-watermark';
import { takeInStateOrder } from '../../web/src/services/lines-walk';
import { OwnTaskEvents } from '../../web/src/services/own-task-events';

const event = (id: number, action = 'match.manual', taskId?: string) => ({ id: String(id), action, taskId });

describe('the period page reads once after its own action (EventWatermark)', () => {
  it('skips the events up to the head its action answered with, not a later one', () => {
    const watermark = new EventWatermark();
    watermark.actionAnswered('41');
    watermark.readStarts();
    // The action's own events (and a colleague's before it) are in the read that followed.
    expect(watermark.arrived([event(40), event(41)])).toBe(false);
    expect(watermark.behind()).toBe(false);
    // Committed after the answer: maybe not in that read.
    expect(watermark.arrived([event(41), event(42)])).toBe(true);
    expect(watermark.behind()).toBe(true);
    watermark.readStarts();
    expect(watermark.behind()).toBe(false);
    expect(watermark.arrived([event(42)])).toBe(false);
  });

  it('counts an event delivered before a read started as in it; ids compare as numbers, not text', () => {
    const watermark = new EventWatermark();
    expect(watermark.arrived([event(9)])).toBe(true);
    watermark.readStarts();
    expect(watermark.arrived([event(9)])).toBe(false);
    expect(watermark.arrived([event(10)])).toBe(true);
  });

  it('reads again on changes without ids (the socket came back, the slow poll)', () => {
    const watermark = new EventWatermark();
    watermark.actionAnswered('100');
    expect(watermark.arrived(undefined)).toBe(true);
    expect(watermark.behind()).toBe(true);
    watermark.readStarts();
    expect(watermark.behind()).toBe(false);
  });
});

describe('My work reads once after a claim or release (OwnTaskEvents)', () => {
  it("skips the user's own event once; a colleague's or a new task still reads", () => {
    let now = 0;
    const own = new OwnTaskEvents(() => now);
    own.expect('task.claimed', '7');
    expect(own.othersIn([event(1, 'task.claimed', '7')])).toBe(false);
    // Spent: the same event again is someone else's (released and claimed by a colleague).
    expect(own.othersIn([event(2, 'task.claimed', '7')])).toBe(true);
    own.expect('task.released', '8');
    expect(own.othersIn([event(3, 'task.released', '8'), event(4, 'period.review_opened')])).toBe(true);
    expect(own.othersIn(undefined)).toBe(true);
    // An expectation whose event never came does not swallow a later one for ever.
    own.expect('task.claimed', '9');
    now += 60_000;
    expect(own.othersIn([event(5, 'task.claimed', '9')])).toBe(true);
  });
});

describe("a side's first lines from each state's first page (takeInStateOrder)", () => {
  const page = (ids: string[], hasNextPage = false) => ({
    edges: ids.map((id) => ({ cursor: `c${id}`, node: id })),
    pageInfo: { hasNextPage, endCursor: ids.length ? `c${ids[ids.length - 1]}` : null },
  });

  it('takes unmatched, then suggested, then matched, and goes on after the last row kept', () => {
    const taken = takeInStateOrder([page(['u1', 'u2']), page([]), page(['m1', 'm2', 'm3'], true)], 4);
    expect(taken.lines).toEqual(['u1', 'u2', 'm1', 'm2']);
    expect(taken.cursor).toEqual({ stateIndex: 2, after: 'cm2' });
  });

  it('stops in a state that has more, and at the next state when one is used up exactly', () => {
    expect(takeInStateOrder([page(['u1', 'u2'], true), page(['s1']), page(['m1'])], 2)).toEqual({
      lines: ['u1', 'u2'],
      cursor: { stateIndex: 0, after: 'cu2' },
    });
    expect(takeInStateOrder([page(['u1', 'u2']), page(['s1']), page(['m1'])], 2)).toEqual({
      lines: ['u1', 'u2'],
      cursor: { stateIndex: 1, after: null },
    });
  });

  it('says every line is loaded when no state has more', () => {
    expect(takeInStateOrder([page(['u1']), page(['s1']), page(['m1'])], 100)).toEqual({
      lines: ['u1', 's1', 'm1'],
      cursor: { stateIndex: 3, after: null },
    });
  });
});
