import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every `recon` sub-command by name, each loaded only when asked for: `recon match` does not pay for
 * the database and PDF libraries that `recon import` and `recon report` load (about 1.5 s of a
 * loaded machine). Add an entry here to add a command.
 */
export const COMMANDS: Record<string, () => Promise<Register>> = {
  match: async () => (await import('./match')).register,
  generate: async () => (await import('./generate')).register,
  import: async () => (await import('./import')).register,
  report: async () => (await import('./report')).register,
  export: async () => (await import('./export')).register,
  audit: async () => (await import('./audit')).register,
  backup: async () => (await import('./backup')).register,
  user: async () => (await import('./user')).register,
};

/** The commands to load for these arguments: the one named, or all (for help and for a misspelt name). */
export function commandsFor(argv: readonly string[]): string[] {
  const name = argv.find((arg) => !arg.startsWith('-'));
  return name !== undefined && name in COMMANDS ? [name] : Object.keys(COMMANDS);
}
