import type { Command } from 'commander';
import { verifyAuditChain } from '../../audit/verify-chain';
import { loadConfig } from '../../config/config';
import { prepareDatabase } from '../../db/prepare-database';
import { ExitCode } from '../exit-codes';

/** `recon audit verify`: walks the hash chain; exit code 1 (ExitCode.FAILED) and the first broken link when it does not hold. */
export function register(program: Command): void {
  program
    .command('audit')
    .description('the tamper-evident audit log')
    .command('verify')
    .description('verify the audit hash chain and report the first broken link')
    .action(async () => {
      const dataSource = await prepareDatabase(loadConfig().database);
      try {
        const verdict = await verifyAuditChain(dataSource);
        if (verdict.ok) {
          console.log(`audit chain intact: ${verdict.eventsChecked} events`);
        } else {
          console.error(
            `audit chain BROKEN at event ${verdict.firstBrokenEventId}: ${verdict.reason} (${verdict.eventsChecked} events verified before it)`,
          );
          process.exitCode = ExitCode.FAILED;
        }
      } finally {
        await dataSource.destroy();
      }
    });
}
