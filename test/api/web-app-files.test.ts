import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gunzipSync, gzipSync } from 'node:zlib';
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

// The build writes NAME.gz and NAME.br beside each asset (web/build/precompress.ts): the API sends
// those bytes instead of compressing on its event loop at the first request.
describe('the web app’s precompressed files', () => {
  const script = `console.log(${JSON.stringify('recon '.repeat(400))})`;
  // Level 1, not the API's own level 9: the bytes on the wire tell which copy was sent.
  const builtGzip = gzipSync(script, { level: 1 });
  const builtBrotli = brotliCompressSync(script, { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } });
  let root: string;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'recon-web-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<html><body>app</body></html>');
    writeFileSync(path.join(root, 'assets', 'app-abc123.js'), script);
    writeFileSync(path.join(root, 'assets', 'app-abc123.js.gz'), builtGzip);
    writeFileSync(path.join(root, 'assets', 'app-abc123.js.br'), builtBrotli);
    writeFileSync(path.join(root, 'assets', 'plain-def456.js'), script);
    const app = loadWebApp(root)!;
    server = createServer((req, res) => {
      if (!app.handle(req, res)) res.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('sends the build’s brotli and gzip copies as they are, with their encoding and type', async () => {
    const brotli = await rawGet(port, '/assets/app-abc123.js', 'gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(brotli.headers.vary).toBe('Accept-Encoding');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.body.equals(builtBrotli)).toBe(true);
    expect(Number(brotli.headers['content-length'])).toBe(builtBrotli.length);

    const gzip = await rawGet(port, '/assets/app-abc123.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.equals(builtGzip)).toBe(true);

    const plain = await rawGet(port, '/assets/app-abc123.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('still compresses a file the build left without copies', async () => {
    const gzip = await rawGet(port, '/assets/plain-def456.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(script);
  });

  it('serves no copy under a URL of its own', async () => {
    expect((await rawGet(port, '/assets/app-abc123.js.gz', 'identity')).status).toBe(404);
    expect((await rawGet(port, '/assets/app-abc123.js.br', 'identity')).status).toBe(404);
  });
});

// The build lists each staff page's scripts beyond the entry (route-preloads.json): the page served
// for that route names them as module preloads, so they load alongside the entry, not after it ran.
describe('the web app’s route preloads', () => {
  let root: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'recon-web-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<html><head><title>app</title></head><body></body></html>');
    writeFileSync(
      path.join(root, 'app-routes.json'),
      JSON.stringify(['/', '/work', '/periods/:periodId', '/login']),
    );
    writeFileSync(
      path.join(root, 'route-preloads.json'),
      JSON.stringify([
        { path: '/work', files: ['/assets/AppLayout-a1.js', '/assets/WorkPage-b2.js'] },
        { path: '/periods/:periodId', files: ['/assets/AppLayout-a1.js', '/assets/PeriodPage-c3.js'] },
        // Never written into the page: not one of the build's script URLs.
        { path: '/', files: ['https://elsewhere.invalid/x.js', '/assets/a"onload="x.js'] },
      ]),
    );
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

  const preloadsOf = async (urlPath: string) => {
    const html = await (await fetch(`${base}${urlPath}`)).text();
    return [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]);
  };

  it('names the opened page’s scripts in its head', async () => {
    expect(await preloadsOf('/work')).toEqual(['/assets/AppLayout-a1.js', '/assets/WorkPage-b2.js']);
    expect(await preloadsOf('/periods/42?ours=x')).toEqual([
      '/assets/AppLayout-a1.js',
      '/assets/PeriodPage-c3.js',
    ]);
    const html = await (await fetch(`${base}/work`)).text();
    expect(html.indexOf('rel="modulepreload"')).toBeLessThan(html.indexOf('</head>'));
  });

  it('names none for other pages, unknown paths, or URLs that are not the build’s scripts', async () => {
    expect(await preloadsOf('/login')).toEqual([]);
    expect(await preloadsOf('/nowhere')).toEqual([]);
    expect(await preloadsOf('/')).toEqual([]);
  });
});

/** A GET with the bytes as sent (fetch would decompress them). */
function rawGet(port: number, urlPath: string, acceptEncoding: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: urlPath, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}
