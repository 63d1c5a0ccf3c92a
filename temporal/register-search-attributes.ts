import type { Connection } from '@temporalio/client';
import { RECON_SEARCH_ATTRIBUTES } from '../contract/period';

// Keyword = 2 in temporal.api.enums.v1.IndexedValueType.
const INDEXED_VALUE_TYPE_KEYWORD = 2;

/**
 * Registers the period workflow's search attributes on a server we did not start ourselves
 * (the dev server gets them at launch). Existing ones are left alone; `attempts` bounds the retries.
 */
export async function registerSearchAttributes(
  connection: Connection,
  namespace: string,
  attempts = 1,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await registerOnce(connection, namespace);
    } catch (error) {
      // A namespace just created takes a few seconds to reach every frontend's cache.
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

async function registerOnce(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys({ ...existing.customAttributes, ...existing.systemAttributes }));
  const missing = RECON_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED_VALUE_TYPE_KEYWORD])),
  });
}
