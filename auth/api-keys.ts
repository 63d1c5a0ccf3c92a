import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ApiKey } from '../entities/api-key.entity';

const KEY_PATTERN = /^rk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Issues a key "rk_<prefix>_<secret>"; only its hash is stored, and it is shown once. */
export async function issueApiKey(
  dataSource: DataSource | EntityManager,
  name: string,
  scopes: string[],
  createdBy: string | null = null,
): Promise<{ key: string; record: ApiKey }> {
  const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  const key = `rk_${prefix}_${secret}`;
  const record = await dataSource
    .getRepository(ApiKey)
    .save({ name, prefix, keyHash: sha256(key), scopes, createdBy });
  return { key, record };
}

/** How fresh `lastUsedAt` is kept: a key in constant use costs one write a minute, not one a request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** The key's record when it is well-formed, known, not revoked and its hash matches; its use is noted. */
export async function verifyApiKey(
  dataSource: DataSource,
  key: string,
  records: ApiKeyRecords = (prefix) => findApiKeyRecord(dataSource, prefix),
): Promise<ApiKey | null> {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const record = await records(match[1]);
  if (!record || record.revokedAt) return null;
  const expected = Buffer.from(record.keyHash, 'hex');
  const given = Buffer.from(sha256(key), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  await noteUse(dataSource, record);
  return record;
}

/** Reads a key's record by its public prefix (a cache may stand in front: auth/credential-cache.ts). */
export type ApiKeyRecords = (prefix: string) => Promise<ApiKey | null>;

export function findApiKeyRecord(dataSource: DataSource, prefix: string): Promise<ApiKey | null> {
  return dataSource.getRepository(ApiKey).findOneBy({ prefix });
}

/** Records when a key was last used (to the minute), so an admin can tell a live key from a forgotten one. */
async function noteUse(dataSource: DataSource, record: ApiKey): Promise<void> {
  const now = new Date();
  const threshold = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (record.lastUsedAt && record.lastUsedAt > threshold) return;
  // A remembered record (auth/credential-cache.ts) must not write again at every request.
  record.lastUsedAt = now;
  // Concurrent first uses race harmlessly: the condition lets one write through per minute.
  await dataSource.query(
    'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
    [now, record.id, threshold],
  );
}

export async function revokeApiKey(dataSource: DataSource, id: string): Promise<void> {
  await dataSource.getRepository(ApiKey).update({ id }, { revokedAt: new Date() });
}
