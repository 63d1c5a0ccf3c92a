import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { TemporalSetupError, TemporalSetupErrorCode } from './temporal-error';

/** Workflow histories are kept this long after a period closes (Temporal's retention; Recon's own data stays in MySQL). */
const RETENTION_SECONDS = 30 * 24 * 3600;
const ATTEMPTS = 30;
const PAUSE_MS = 1000;

/** gRPC status codes (as @grpc/grpc-js numbers them). */
const grpcStatus = { NOT_FOUND: 5, ALREADY_EXISTS: 6 } as const;

const codeOf = (error: unknown) => (error as { code?: number }).code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How an operator creates the namespace by hand (said when Recon may not). */
export const createNamespaceHint = (namespace: string, address: string) =>
  `temporal operator namespace create --namespace ${namespace} --retention 720h --address ${address}`;

/**
 * A real cluster starts with only the `default` namespace (and Temporal's compose with none of
 * Recon's): create TEMPORAL_NAMESPACE when it is missing and wait until the frontend serves it.
 * Bounded: a namespace that does not appear within ~30 s, or that this server will not let Recon
 * create, stops start-up with the command that creates it.
 */
export async function ensureNamespace(
  connection: Connection,
  namespace: string,
  address: string,
): Promise<boolean> {
  const service = connection.workflowService;
  try {
    await service.describeNamespace({ namespace });
    return false;
  } catch (error) {
    if (codeOf(error) !== grpcStatus.NOT_FOUND) throw error;
  }
  try {
    await service.registerNamespace({
      namespace,
      description: 'Recon: customer-account reconciliation',
      workflowExecutionRetentionPeriod: msToTs(RETENTION_SECONDS * 1000),
    });
  } catch (error) {
    if (codeOf(error) !== grpcStatus.ALREADY_EXISTS)
      throw new TemporalSetupError(
        TemporalSetupErrorCode.NAMESPACE_MISSING,
        `Temporal namespace "${namespace}" does not exist at ${address} and Recon could not create it ` +
          `(${error instanceof Error ? error.message : String(error)}). Create it with:\n  ${createNamespaceHint(namespace, address)}`,
      );
  }
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    try {
      await service.describeNamespace({ namespace });
      return true;
    } catch (error) {
      if (codeOf(error) !== grpcStatus.NOT_FOUND) throw error;
      await sleep(PAUSE_MS);
    }
  }
  throw new TemporalSetupError(
    TemporalSetupErrorCode.NAMESPACE_MISSING,
    `Temporal namespace "${namespace}" was registered at ${address} but is not served after ${ATTEMPTS} s. Check it with:\n  temporal operator namespace describe --namespace ${namespace} --address ${address}`,
  );
}
