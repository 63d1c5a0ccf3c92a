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

describe('workflow determinism', () => {
  it('has a recorded history for every workflow shape', () => {
    const recorded = readdirSync(HISTORIES_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(recorded.sort()).toEqual([...SHAPES].sort());
  });

  it('replays every recorded history against the current workflow code (use patched() for changes)', async () => {
    const histories = SHAPES.map((shape) => ({
      workflowId: shape,
      history: JSON.parse(readFileSync(path.join(HISTORIES_DIR, `${shape}.json`), 'utf8')) as unknown,
    }));
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
    expect(replayed).toBe(SHAPES.length);
  });
});
