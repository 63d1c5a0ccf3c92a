import http from 'node:http';
import { startApiHarness, type ApiHarness } from './api-harness';

/** GET `url` on `agent`; answers the status and whether the request went over a reused connection. */
function get(agent: http.Agent, url: string): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket }));
    });
    request.on('error', reject);
  });
}

describe('idle keep-alive connections', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness('keep_alive');
  });
  afterAll(() => h?.stop());

  // A proxy in front keeps idle connections 60 s; with Node's 5 s default the server closed them
  // under it, and the proxy's next request on one failed (502 / ECONNRESET).
  it('stays open longer than a proxy keeps it idle, so a later request reuses it', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await get(agent, `${h.api.url}/health`)).toMatchObject({ reused: false });
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const later = await get(agent, `${h.api.url}/health`);
      expect(later.reused).toBe(true);
      expect(later.status).toBeLessThan(500);
    } finally {
      agent.destroy();
    }
  }, 30_000);
});
