import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { format, type MessageKey } from '../../web/src/i18n/catalog';
import enUS from '../../web/src/locales/en-US';
import zhCN from '../../web/src/locales/zh-CN';
import { TIMELINE_ACTIONS } from '../../periods/period-timeline';
import { STEP_WORDS } from '../../web/src/pages/period/timeline-words';

const ROOT = path.resolve(__dirname, '../..');
/** Where the steps of a period's life are written to the audit trail. */
const WRITERS = ['activities', 'workflows', 'periods', 'statements', 'notifications', 'api'];
/** Written for a period but left off its timeline on purpose: it repeats what the steps say. */
const ECHOES = new Set(['period.status_changed']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.generated.ts') ? [full] : [];
  });
}

/** Every `action: 'period.…' | 'match.…' | 'difference.…' | 'statement.…' | 'adjustment.…'` in the server's sources. */
const written = [
  ...new Set(
    WRITERS.flatMap((dir) => sources(path.join(ROOT, dir))).flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /action: '((?:period|match|difference|statement|adjustment)\.[a-z_]+)'/g,
        ),
      ].map((match) => match[1]),
    ),
  ),
].sort();

describe("a period's timeline in plain words (#16)", () => {
  it('finds the audit actions the server writes for a period', () => {
    expect(written).toEqual(
      expect.arrayContaining(['period.opened', 'adjustment.proposed', 'statement.sent']),
    );
  });

  it('shows every step of a period’s life the server writes (a withdrawn adjustment too), none left as a code', () => {
    const steps: readonly string[] = TIMELINE_ACTIONS;
    expect(written.filter((action) => !ECHOES.has(action) && !steps.includes(action))).toEqual([]);
    expect(Object.keys(STEP_WORDS).sort()).toEqual([...TIMELINE_ACTIONS].sort());
  });

  it('words each step in zh and en', () => {
    for (const key of Object.values(STEP_WORDS)) {
      for (const catalog of [zhCN, enUS]) {
        const words = format(catalog, key as MessageKey);
        expect({ key, words }).toEqual({ key, words: expect.not.stringMatching(/^period\.|^$/) });
      }
    }
  });
});
