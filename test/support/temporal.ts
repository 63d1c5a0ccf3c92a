import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type WorkflowBundle } from '@temporalio/worker';
import { findTemporalBinary } from '../../temporal/find-cli';
import { RECON_SEARCH_ATTRIBUTES } from '../../contract/period';
import { WORKFLOW_INTERCEPTOR_MODULES, WORKFLOWS_PATH } from '../../worker/workflow-modules';

/**
 * A real Temporal dev server for a test file. The SDK would download the CLI, which cannot work
 * here, so it is pointed at the binary scripts/setup.sh installed; elsewhere it falls back to the
 * SDK's own download.
 */
export async function startTestTemporal(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const cli = findTemporalBinary('temporal', process.env.TEMPORAL_CLI_PATH);
  return TestWorkflowEnvironment.createLocal({
    server: {
      ...(cli ? { executable: { type: 'existing-path', path: cli } } : {}),
      searchAttributes: RECON_SEARCH_ATTRIBUTES,
      ip: '127.0.0.1',
      extraArgs: ['--log-level', 'error'],
    },
  });
}

/**
 * The time-skipping test server, for timers measured in days (workflow unit tests: no database).
 * It knows no search attributes until told, and the period workflow sets its own.
 */
export async function startTimeSkippingTemporal(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const server = findTemporalBinary('temporal-test-server');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: server ? { executable: { type: 'existing-path', path: server } } : {},
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(RECON_SEARCH_ATTRIBUTES.map((key) => [key.name, KEYWORD])),
  });
  return env;
}

// temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
const KEYWORD = 2;

let bundle: Promise<WorkflowBundle> | undefined;

/**
 * Bundling the workflows takes seconds: do it once per test process, and once per version of the
 * code for all of them (test files run in separate processes). The bundle is made of what workflow
 * code may import (the lint rules say which folders) and the SDK, so their sources name it.
 */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= cachedBundle();
  return bundle;
}

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE_INPUTS = ['workflows', 'contract', 'money', 'formats'];

async function cachedBundle(): Promise<WorkflowBundle> {
  const file = path.join(ROOT, 'node_modules/.cache/recon-tests', `workflows-${sourcesHash()}.js`);
  if (existsSync(file)) return { code: readFileSync(file, 'utf8') };
  const built = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: quietLogger,
  });
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, built.code);
  renameSync(partial, file); // whole or not at all, whichever test process gets there first
  return built;
}

function sourcesHash(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(ROOT, 'node_modules/@temporalio/workflow/package.json')));
  const add = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) add(full);
      else if (entry.name.endsWith('.ts')) hash.update(full).update(readFileSync(full));
    }
  };
  for (const folder of BUNDLE_INPUTS) if (existsSync(path.join(ROOT, folder))) add(path.join(ROOT, folder));
  return hash.digest('hex').slice(0, 16);
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: console.error };

let runtimeInstalled = false;

/** Workers log at WARN in tests; state changes at INFO would drown the test output. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier test in this process.
  }
}
