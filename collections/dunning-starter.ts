// Starts and reaches customers' dunning workflows (one per customer: `dunning-<code>`).
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import {
  DUNNING_WORKFLOW,
  dunningWorkflowId,
  type DunningInput,
  type DunningWorkflow,
} from '../contract/collections/dunning';

export class DunningStarter {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** Starts the customer's case for `cycle`; false when one is running already (it is left alone). */
  async start(customer: { id: string; code: string }, cycle: string): Promise<boolean> {
    try {
      await this.client.workflow.start<DunningWorkflow>(DUNNING_WORKFLOW, {
        workflowId: dunningWorkflowId(customer.code),
        taskQueue: this.taskQueue,
        args: [{ customerId: customer.id, customerCode: customer.code, cycle } satisfies DunningInput],
      });
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw error;
    }
  }

  handle(customerCode: string): WorkflowHandle<DunningWorkflow> {
    return this.client.workflow.getHandle<DunningWorkflow>(dunningWorkflowId(customerCode));
  }
}
