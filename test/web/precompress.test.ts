import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompressFolder } from '../../web/build/precompress';

// The build step behind the API's precompressed assets (api/web-app/web-app.ts serves the copies).
describe('precompressFolder', () => {
  let root: string;
  const big = `body{color:red}\n`.repeat(200);

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'recon-precompress-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), `<html>${big}</html>`);
    writeFileSync(path.join(root, 'assets', 'antd-abc.css'), big);
    writeFileSync(path.join(root, 'assets', 'app-abc.js'), `console.log(${JSON.stringify(big)})`);
    writeFileSync(path.join(root, 'assets', 'tiny-abc.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'assets', 'logo-abc.png'), Buffer.alloc(4096, 1));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes a gzip and a brotli copy of each large script and style that decompress to it', () => {
    const done = precompressFolder(root).sort();
    expect(done).toEqual([path.join('assets', 'antd-abc.css'), path.join('assets', 'app-abc.js')]);
    for (const relative of done) {
      const location = path.join(root, relative);
      const body = readFileSync(location);
      expect(gunzipSync(readFileSync(`${location}.gz`)).equals(body)).toBe(true);
      expect(brotliDecompressSync(readFileSync(`${location}.br`)).equals(body)).toBe(true);
      expect(readFileSync(`${location}.br`).length).toBeLessThan(body.length / 4);
    }
  });

  it('leaves the pages (the API writes a nonce into them), small files and images alone', () => {
    for (const name of ['index.html', 'assets/tiny-abc.js', 'assets/logo-abc.png']) {
      expect(existsSync(path.join(root, `${name}.gz`))).toBe(false);
      expect(existsSync(path.join(root, `${name}.br`))).toBe(false);
    }
  });
});
