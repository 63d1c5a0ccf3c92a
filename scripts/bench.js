#!/usr/bin/env node
// `npm run bench -- NAME [args...]`: builds, then runs dist/bench/NAME.js.
// Each benchmark prints its figures; its last line is one JSON object.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const [name, ...args] = process.argv.slice(2);
const root = path.resolve(__dirname, '..');
const available = () =>
  readdirSync(path.join(root, 'bench'))
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
    .map((f) => f.replace(/\.ts$/, ''));
if (!name) {
  console.error(`usage: npm run bench -- NAME [args]\navailable: ${available().join(', ')}`);
  process.exit(2);
}
if (!available().includes(name)) {
  console.error(`unknown benchmark "${name}"; available: ${available().join(', ')}`);
  process.exit(2);
}
const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const script = path.join(root, 'dist', 'bench', `${name}.js`);
if (!existsSync(script)) {
  console.error(`missing ${script}`);
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--max-old-space-size=4096', '--expose-gc', script, ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
