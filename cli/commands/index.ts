import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every `recon` sub-command module, with the commands it registers, each loaded only when asked
 * for: `recon match` does not pay for the database and PDF libraries that `recon import` and
 * `recon report` load (about 1.5 s of a loaded machine). Add an entry here to add a command.
 */
const MODULES: Array<{ names: string[]; load: () => Promise<Register> }> = [
  { names: ['match'], load: async () => (await import('./match')).register },
  { names: ['generate'], load: async () => (await import('./generate')).register },
  { names: ['import'], load: async () => (await import('./import')).register },
  { names: ['report'], load: async () => (await import('./report')).register },
  { names: ['export'], load: async () => (await import('./export')).register },
  { names: ['periods'], load: async () => (await import('./periods')).register },
  { names: ['audit'], load: async () => (await import('./audit')).register },
  { names: ['backup', 'restore'], load: async () => (await import('./backup')).register },
  { names: ['user'], load: async () => (await import('./user')).register },
];

/** The modules to load for these arguments: the named command's, or all (for help and a misspelt name). */
export function commandsFor(argv: readonly string[]): Array<() => Promise<Register>> {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const named = MODULES.find((m) => name !== undefined && m.names.includes(name));
  return (named ? [named] : MODULES).map((m) => m.load);
}
