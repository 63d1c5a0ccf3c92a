import { loadConfig } from '../config/config';

let configuredKey: string | undefined;
let configuredCheckpointFile: string | undefined;

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

/** The key and the signed checkpoint file (AUDIT_CHECKPOINT_FILE) every verification checks against. */
export function auditAnchor(): { chainKey: string; checkpointFile: string } {
  configuredCheckpointFile ??= loadConfig().audit.checkpointFile;
  return { chainKey: auditChainKey(), checkpointFile: configuredCheckpointFile };
}

/** A process booted with an explicit configuration (or a test) names its anchor here. */
export function useAuditAnchor(anchor: { chainKey: string; checkpointFile: string }): void {
  configuredKey = anchor.chainKey;
  configuredCheckpointFile = anchor.checkpointFile;
}
