import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import { issueApiKey } from '../auth/api-keys';
import { API_KEY_SCOPES, type Permission } from '../auth/policy';
import { ApiKey } from '../entities/api-key.entity';
import { invalidField, UserError, UserErrorCode } from './user-error';

/** A new integrator key: the clear key is returned here once; only its hash is stored. */
export async function createApiKey(
  dataSource: DataSource,
  name: string,
  scopes: string[],
  actor: Actor & { userId: string | null },
): Promise<{ key: string; apiKey: ApiKey }> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw invalidField('name', 'must be 1 to 100 characters');
  const unique = [...new Set(scopes)];
  const unknown = unique.filter((scope) => !API_KEY_SCOPES.includes(scope as Permission));
  if (unique.length === 0 || unknown.length > 0)
    throw invalidField('scopes', `must be some of ${API_KEY_SCOPES.join(', ')}`);
  return dataSource.transaction(async (manager) => {
    const { key, record } = await issueApiKey(manager, trimmed, unique, actor.userId);
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: record.id,
      after: { name: trimmed, prefix: record.prefix, scopes: unique },
    });
    return { key, apiKey: await manager.getRepository(ApiKey).findOneByOrFail({ id: record.id }) };
  });
}

/** Revoked keys stop authenticating on their next request. Revoking twice changes nothing. */
export async function revokeApiKey(dataSource: DataSource, id: string, actor: Actor): Promise<ApiKey> {
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(ApiKey);
    const key = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!key) throw new UserError(UserErrorCode.NOT_FOUND, `no API key ${id}`);
    if (key.revokedAt) return key;
    await repository.update({ id }, { revokedAt: new Date() });
    await appendAudit(manager, {
      ...auditFields(actor),
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: id,
      before: { revokedAt: null },
      after: { name: key.name, prefix: key.prefix },
    });
    return repository.findOneByOrFail({ id });
  });
}

export const listApiKeys = (dataSource: DataSource) =>
  dataSource.getRepository(ApiKey).find({ order: { id: 'ASC' } });
