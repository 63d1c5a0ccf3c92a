import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { findTemporalBinary } from '../../temporal/find-cli';
import { RECON_SEARCH_ATTRIBUTES } from '../../contract/period';
import { WORKFLOWS_PATH } from '../../worker/create-worker';

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

/** The time-skipping test server, for timers measured in days. */
export async function startTimeSkippingTemporal(): Promise<TestWorkflowEnvironment> {
  const server = findTemporalBinary('temporal-test-server');
  return TestWorkflowEnvironment.createTimeSkipping({
    server: server ? { executable: { type: 'existing-path', path: server } } : {},
  });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundling the workflows takes seconds: do it once per test process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  return bundle;
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
