import type { Command } from 'commander';
import { register as registerAudit } from './audit';
import { register as registerBackup } from './backup';
import { register as registerExport } from './export';
import { register as registerGenerate } from './generate';
import { register as registerMatch } from './match';
import { register as registerPeriods } from './periods';
import { register as registerImport } from './import';
import { register as registerReport } from './report';
import { register as registerUser } from './user';

/** Every `recon` sub-command. Add a module here to add a command. */
export const COMMANDS: Array<(program: Command) => void> = [
  registerMatch,
  registerGenerate,
  registerImport,
  registerReport,
  registerExport,
  registerPeriods,
  registerAudit,
  registerBackup,
  registerUser,
];
