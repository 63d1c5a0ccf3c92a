import { loadConfig } from '../config/config';

let configuredKey: string | undefined;

/**
 * The audit chain's HMAC key. Every process that appends reads it from its configuration
 * (AUDIT_CHAIN_KEY); a process booted with an explicit configuration sets it here first.
 */
export function auditChainKey(): string {
  configuredKey ??= loadConfig().audit.chainKey;
  return configuredKey;
}

export function useAuditChainKey(key: string): void {
  configuredKey = key;
}
