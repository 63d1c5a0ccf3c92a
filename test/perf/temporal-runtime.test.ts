import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTestTemporal } from '../support/temporal';

const RUNTIME = path.resolve(__dirname, '../../dist/temporal/temporal-runtime.js');
const CONFIG = path.resolve(__dirname, '../../dist/config/config.js');

/**
 * Runs in a plain Node process (jest's own machinery keeps promise hooks on in its workers):
 * whether promise hooks are on before and after openTemporal, detected the way Node shows them (an
 * await resumes with its promise as the execution resource), and whether a deadline still applies.
 */
const PROBE = `
const { executionAsyncResource } = require('node:async_hooks');
const { openTemporal } = require(${JSON.stringify(RUNTIME)});
const { loadConfig } = require(${JSON.stringify(CONFIG)});
async function promiseHooksOn() {
  const before = executionAsyncResource();
  await null;
  const after = executionAsyncResource();
  return after !== before && after instanceof Promise;
}
(async () => {
  const before = await promiseHooksOn();
  const runtime = await openTemporal(loadConfig({ NODE_ENV: 'test', TEMPORAL_ADDRESS: process.argv[1] }));
  const after = await promiseHooksOn();
  await runtime.connection.workflowService.getSystemInfo({});
  const deadline = await runtime.connection
    .withDeadline(Date.now() - 1, () => runtime.connection.workflowService.getSystemInfo({}))
    .then(() => 'no error', (error) => String(error.message));
  await runtime.close();
  console.log(JSON.stringify({ before, after, deadline }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('the Temporal client connection', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startTestTemporal();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('leaves no promise hooks on once connected, and still takes a deadline when asked for one', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', PROBE, env.address]);
    const probe = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(probe.before).toBe(false);
    expect(probe.after).toBe(false);
    expect(probe.deadline).toMatch(/deadline/i);
  });
});
