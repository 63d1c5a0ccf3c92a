/**
 * Where the workflow code is, for bundling: kept apart from create-worker.ts so that what bundles
 * the workflows (the workflow unit tests) does not load every activity and its libraries.
 */
export const WORKFLOWS_PATH = require.resolve('../workflows');
/** Bundled with the workflows (a pre-built bundle must include them: bundleWorkflowCode's workflowInterceptorModules). */
export const WORKFLOW_INTERCEPTOR_MODULES = [require.resolve('../workflows/interceptors')];
