import { requestIdClientInterceptor } from './request-id-interceptor';
import { Client, Connection } from '@temporalio/client';
import type { ReconConfig } from '../config/config';
import { startDevServer, type DevServer } from './dev-server';
import { requireTemporalCli } from './find-cli';
import { ensureNamespace } from './ensure-namespace';
import { registerSearchAttributes } from './register-search-attributes';
import { TemporalSetupError, TemporalSetupErrorCode } from './temporal-error';
import path from 'node:path';

export interface TemporalRuntime {
  readonly address: string;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly connection: Connection;
  readonly client: Client;
  /** Set when Recon started the dev server itself. */
  readonly devServer: DevServer | undefined;
  close(): Promise<void>;
}

/**
 * TEMPORAL_ADDRESS set: connect to that server and make sure our search attributes exist.
 * Unset: start a local dev server (state under the data folder) and stop it on close().
 */
export async function openTemporal(config: ReconConfig): Promise<TemporalRuntime> {
  const { namespace, taskQueue } = config.temporal;
  const devServer = config.temporal.address
    ? undefined
    : await startDevServer({
        cliPath: requireTemporalCli(config.temporal.cliPath),
        dataDir: path.join(config.dataDir, 'temporal'),
        namespace,
      });
  const address = config.temporal.address ?? devServer!.address;
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: 10_000 });
  } catch (error) {
    await devServer?.stop();
    throw new TemporalSetupError(
      TemporalSetupErrorCode.UNREACHABLE,
      `No Temporal server answers at ${address} (${String(error)}). Unset TEMPORAL_ADDRESS to have Recon start a dev server.`,
    );
  }
  if (!devServer) {
    try {
      const created = await ensureNamespace(connection, namespace, address);
      await registerSearchAttributes(connection, namespace, created ? 20 : 1);
    } catch (error) {
      await connection.close();
      throw error;
    }
  }
  // After the set-up calls: a namespace lookup that went through the storage would switch it on again.
  switchOffCallContext(connection);
  const client = new Client({
    connection,
    namespace,
    interceptors: { workflow: [requestIdClientInterceptor] },
  });
  return {
    address,
    namespace,
    taskQueue,
    connection,
    client,
    devServer,
    close: async () => {
      await connection.close();
      await devServer?.stop();
    },
  };
}

/**
 * Connection.connect probes the server inside its call-context storage (an AsyncLocalStorage, for
 * the probe's deadline), and in Node 20 that switches on promise hooks for the whole process for
 * good: from then on every promise of every request pays for context propagation (3–8 % of the
 * API's throughput). Recon sets no call context (deadline, metadata, abort signal) on its client
 * calls, so the storage is switched off again, as Connection.close() does (a later withDeadline
 * or withMetadata would switch it back on, and work as documented).
 */
function switchOffCallContext(connection: Connection): void {
  connection.callContextStorage.disable();
}
