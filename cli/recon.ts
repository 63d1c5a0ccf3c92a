#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { COMMANDS } from './commands';

// `recon <command>`: each command lives in cli/commands/ and registers itself.
const program = new Command('recon')
  .description('Recon: customer-account reconciliation (客户对账)')
  .showHelpAfterError();
for (const register of COMMANDS) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
