// The workflow bundle's entry point (Worker.create({ workflowsPath })).
export { openPeriodsWorkflow } from './open-periods.workflow';
export { reconciliationPeriodWorkflow } from './period.workflow';
export { scheduledBackupWorkflow } from './backup.workflow';
export { creditScoringWorkflow } from './credit-scoring.workflow';
export { dunningWorkflow } from './dunning.workflow';
export { dunningFanOutWorkflow } from './dunning-fan-out.workflow';
