import { runWebBench } from '../../bench/web';

describe('npm run bench -- web (tiny size, so it never rots)', () => {
  it('times the period page, My work, a manual match and the initial scripts in Chromium on the built app', async () => {
    const result = await runWebBench({ lines: 60, tasks: 400, rounds: 1 });
    expect(result).toMatchObject({ bench: 'web', periodLines: 60, tasks: 400, rounds: 1 });
    for (const figure of [
      'periodPageMs',
      'inboxMs',
      'matchRoundTripMs',
      'initialJsKbGzip',
      'periodServerMs',
      'inboxServerMs',
      'matchServerMs',
    ] as const)
      expect(result[figure]).toBeGreaterThan(0);
    // The server's part is part of what the browser waited for.
    expect(result.periodServerMs).toBeLessThan(result.periodPageMs);
    expect(result.loadAverage.max).toBeGreaterThanOrEqual(result.loadAverage.min);
    // The app's pages come in chunks of their own: signing in loads more than the sign-in page.
    expect(result.signedInJsKbGzip).toBeGreaterThan(result.initialJsKbGzip);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  }, 240_000);
});
