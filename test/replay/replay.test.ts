import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from '../support/record-history';
import { workflowBundle } from '../support/temporal';

/** Every workflow shape whose recorded history must keep replaying (see test/support/record-history.ts). */
const SHAPES = [
  'period-clean-confirmed',
  'period-close-by-exception',
  'period-dispute-second-round',
  'period-adjustments-manual-match',
  'period-reminders-escalation-signal',
  'open-periods-fan-out',
];

/**
 * Histories recorded by earlier workflow code, per patch (workflows/period/patches.ts): periods
 * started before a change must keep replaying on its old path for as long as they can be running.
 */
const BEFORE_PATCHES = [
  'before-fewer-steps',
  'before-handlers-finish',
  'before-ended-after-commit',
  'before-decisions-answer-fast',
];

describe('workflow determinism', () => {
  it('has a recorded history for every workflow shape', () => {
    const recorded = readdirSync(HISTORIES_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(recorded.sort()).toEqual([...SHAPES].sort());
  });

  it('replays every recorded history, current and older, against the current workflow code (use patched() for changes)', async () => {
    const read = (file: string) =>
      JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as unknown;
    const histories = [
      ...SHAPES.map((shape) => ({ workflowId: shape, history: read(`${shape}.json`) })),
      ...BEFORE_PATCHES.flatMap((dir) =>
        readdirSync(path.join(HISTORIES_DIR, dir))
          .filter((f) => f.endsWith('.json'))
          .map((f) => ({ workflowId: `${dir}/${f}`, history: read(path.join(dir, f)) })),
      ),
    ];
    expect(histories.length).toBeGreaterThan(SHAPES.length);
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: await workflowBundle() },
      histories,
    )) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  });
});
