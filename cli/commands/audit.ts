import type { Command } from 'commander';
import { verifyAnchoredAuditChain } from '../../audit/verify-chain';
import { loadConfig } from '../../config/config';
import { prepareDatabase } from '../../db/prepare-database';
import { ExitCode } from '../exit-codes';

/**
 * `recon audit verify`: walks the keyed hash chain and checks it against the signed checkpoints
 * outside the database (AUDIT_CHECKPOINT_FILE); exit code 1 (ExitCode.FAILED) and the first broken
 * link when it does not hold.
 */
export function register(program: Command): void {
  program
    .command('audit')
    .description('the tamper-evident audit log')
    .command('verify')
    .description('verify the audit hash chain and its checkpoints, and report the first broken link')
    .action(async () => {
      const config = loadConfig();
      const dataSource = await prepareDatabase(config.database);
      try {
        const verdict = await verifyAnchoredAuditChain(dataSource, config.audit);
        if (verdict.ok) {
          console.log(
            `audit chain intact: ${verdict.eventsChecked} events, ${verdict.checkpointsChecked ?? 0} checkpoints (${config.audit.checkpointFile})`,
          );
          if (verdict.warning) console.error(`warning: ${verdict.warning}`);
        } else {
          console.error(
            `audit chain BROKEN at event ${verdict.firstBrokenEventId ?? '-'}: ${verdict.reason} (${verdict.eventsChecked} events verified before it)`,
          );
          process.exitCode = ExitCode.FAILED;
        }
      } finally {
        await dataSource.destroy();
      }
    });
}
