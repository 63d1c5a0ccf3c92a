// The workflow bundle's entry point (Worker.create({ workflowsPath })).
export { reconciliationPeriodWorkflow } from './period.workflow';
