#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { commandsFor } from './commands';
import { ExitCode, UsageError } from './exit-codes';
import { enterUserFolder } from './paths';

// `recon <command>`: each command lives in cli/commands/ and registers itself. Exit codes follow
// cli/exit-codes.ts: 0 done, 1 something is wrong (input refused, check failed, unexpected error), 2 wrong
// command line, 3 a bridge does not tie.
async function main(): Promise<void> {
  enterUserFolder();
  const program = new Command('recon')
    .description('Recon: customer-account reconciliation (客户对账)')
    .showHelpAfterError()
    .exitOverride();
  for (const load of commandsFor(process.argv.slice(2))) (await load())(program);
  for (const command of program.commands) exitOverrideAll(command);
  await program.parseAsync(process.argv);
}

function exitOverrideAll(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) exitOverrideAll(sub);
}

main().catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every other complaint of commander is about the command line.
    process.exit(error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof UsageError ? ExitCode.USAGE : ExitCode.FAILED);
});
