import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { reconcile, validateRuleSettings, type ReconcileResult } from '../../matching';
import { closingOf, readSideFile } from '../match-files';

interface MatchOptions {
  ledger: string;
  statement: string;
  rules?: string;
  format: 'json' | 'table';
  periodStart?: string;
  periodEnd?: string;
  ourOpening: string;
  theirOpening: string;
}

function table(customer: string, result: ReconcileResult): string {
  const { bridge } = result;
  const rows = [
    `■ ${customer}: ${result.groups.length} groups, ${result.suggestions.length} suggestions, ${result.differences.length} differences`,
    ...result.groups.map(
      (g) => `  ✓ ${g.rule.padEnd(21)} ${g.ourIds.join('+')} ⇄ ${g.theirIds.join('+')}  ${g.evidence}`,
    ),
    ...result.suggestions.map(
      (s) =>
        `  ? ${s.rule.padEnd(21)} ${s.ourIds.join('+')} ⇄ ${s.theirIds.join('+')}  (${s.confidence}) ${s.evidence}`,
    ),
    `  our closing balance        ${bridge.ourClosing.padStart(18)}`,
    ...bridge.lines.map((l) => `  ${l.kind.padEnd(26)} ${l.amount.padStart(18)}  ${l.explanation}`),
    `  their closing balance      ${bridge.theirClosing.padStart(18)}`,
    `  ${bridge.tied ? 'bridge ties to the cent' : `bridge does NOT tie: unexplained ${bridge.unexplained}`}`,
  ];
  return rows.join('\n');
}

/** `recon match`: the engine on two CSV files, per customer. */
export function register(program: Command): void {
  program
    .command('match')
    .description('match our ledger against a customer statement (CSV) and print the balance bridge')
    .requiredOption(
      '--ledger <file>',
      'our ledger: id,customer,date,doc_no,reference,description,kind,amount,currency',
    )
    .requiredOption(
      '--statement <file>',
      'their statement, same columns; opening_balance / closing_balance rows optional',
    )
    .option('--rules <file>', 'rule settings JSON (see docs/matching.md)')
    .option('--format <format>', 'table or json', 'table')
    .option('--period-start <date>', 'YYYY-MM-DD (default: earliest line)')
    .option('--period-end <date>', 'YYYY-MM-DD (default: latest line)')
    .option('--our-opening <amount>', 'our opening balance where the ledger has no opening_balance row', '0')
    .option(
      '--their-opening <amount>',
      'their opening balance where the statement has no opening_balance row',
      '0',
    )
    .action((options: MatchOptions) => {
      if (options.format !== 'json' && options.format !== 'table')
        throw new Error('--format is json or table');
      const rules = options.rules
        ? validateRuleSettings(JSON.parse(readFileSync(options.rules, 'utf8')))
        : undefined;
      const ours = readSideFile(options.ledger);
      const theirs = readSideFile(options.statement);
      const customers = [...new Set([...ours.keys(), ...theirs.keys()])].sort();
      const dates = [...ours.values(), ...theirs.values()].flatMap((s) => s.lines.map((l) => l.date)).sort();
      const period = {
        start: options.periodStart ?? dates[0] ?? '1970-01-01',
        end: options.periodEnd ?? dates[dates.length - 1] ?? '1970-01-01',
      };
      const results = customers.map((customer) => {
        const our = closingOf(ours.get(customer), options.ourOpening);
        const their = closingOf(theirs.get(customer), options.theirOpening);
        const result = reconcile({
          ours: ours.get(customer)?.lines ?? [],
          theirs: theirs.get(customer)?.lines ?? [],
          period,
          ourOpening: our.opening,
          ourClosing: our.closing,
          theirOpening: their.opening,
          theirClosing: their.closing,
          rules,
        });
        return { customer, result };
      });
      if (options.format === 'json') {
        const documents = results.map(({ customer, result }) => ({ customer, ...result }));
        console.log(
          JSON.stringify(documents.length === 1 ? documents[0] : { customers: documents }, null, 2),
        );
      } else {
        console.log(results.map(({ customer, result }) => table(customer, result)).join('\n\n'));
      }
      if (results.some(({ result }) => !result.bridge.tied)) process.exitCode = 3;
    });
}
