import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadWebApp } from '../../api/web-app/web-app';

// The app's files are listed when the API starts; a rebuild while it runs removes the old hashed
// chunks that open tabs still ask for.
describe('the web app’s files after a rebuild', () => {
  let root: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'recon-web-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<html><body>app</body></html>');
    writeFileSync(path.join(root, 'assets', 'old-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'assets', 'kept-def456.js'), 'console.log(2)');
    const app = loadWebApp(root)!;
    server = createServer((req, res) => {
      if (!app.handle(req, res)) res.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a chunk deleted after start with 404, not 500, and still serves the others', async () => {
    rmSync(path.join(root, 'assets', 'old-abc123.js'));
    const gone = await fetch(`${base}/assets/old-abc123.js`);
    expect(gone.status).toBe(404);
    expect((await fetch(`${base}/assets/old-abc123.js`)).status).toBe(404);
    const kept = await fetch(`${base}/assets/kept-def456.js`);
    expect(kept.status).toBe(200);
    expect(await kept.text()).toBe('console.log(2)');
  });
});
