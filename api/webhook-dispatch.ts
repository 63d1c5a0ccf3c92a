import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { WebhookDispatcher, type DispatcherOptions } from '../webhooks/dispatcher';

/** Runs the webhook dispatcher for as long as the API runs; it stops (and finishes its round) with it. */
export function webhookDispatchPlugin(
  dataSource: DataSource,
  options: DispatcherOptions = {},
): ApolloServerPlugin {
  return {
    async serverWillStart() {
      const dispatcher = new WebhookDispatcher(dataSource, options);
      dispatcher.start();
      return { serverWillStop: () => dispatcher.stop() };
    },
  };
}
