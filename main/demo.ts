import { Money } from '../money/decimal';
import 'reflect-metadata';
import path from 'node:path';
import { readOutboxMessage } from '../notifications/outbox-transport';
import { statementMessageId } from '../notifications/statement-transport';
import { signUserToken } from '../auth/user-token';
import { DEMO_PERIODS } from '../demo/demo-data';
import { DEMO_USERS, demoOtpauthUri, loadDemoData } from '../demo/load-demo';
import { startDemoDunning } from '../demo/demo-dunning';
import { describeDemoCredit } from '../demo/demo-credit';
import { formatSummary, summarisePeriod } from '../demo/period-summary';
import { SYSTEM_ACTORS } from '../contract/actor';
import { PeriodStatus } from '../contract/enums';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { User } from '../entities/user.entity';
import { bootRecon, exitOnStartupError, stopOnSignals, type ReconProcess } from './bootstrap';
import { installRuntime } from './install-runtime';

const RESTING = new Set<string>([
  PeriodStatus.IN_REVIEW,
  PeriodStatus.AWAITING_CUSTOMER,
  PeriodStatus.CLOSED,
]);

async function waitUntilResting(
  recon: ReconProcess,
  workflowId: string,
  timeoutMs = 60_000,
): Promise<ReconciliationPeriod> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const period = await recon.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ workflowId });
    if (RESTING.has(period.status)) return period;
    if (Date.now() > deadline)
      throw new Error(`${workflowId} is still ${period.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The customer's side of the demo: they open the link of the e-mail in the outbox and confirm,
 * through the public API (links exist only in the e-mail; the database holds their hash).
 */
async function confirmAsCustomer(recon: ReconProcess, period: ReconciliationPeriod) {
  const mail = await readOutboxMessage(
    path.join(recon.config.dataDir, 'outbox'),
    statementMessageId(period.id, 1),
  );
  const token = new URL(mail.confirmationUrl).searchParams.get('token');
  if (!token) throw new Error(`the statement e-mail of period ${period.id} carries no link`);
  const response = await fetch(recon.api!.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Customer ${token}` },
    body: JSON.stringify({
      query: 'mutation { confirmStatement(comment: "余额核对无误 balance agreed") { status } }',
    }),
  });
  const body = (await response.json()) as { errors?: Array<{ message: string }> };
  if (body.errors) throw new Error(`customer confirmation failed: ${body.errors[0].message}`);
}

async function main(): Promise<void> {
  // The demo's own output is the point; the worker speaks up only for warnings.
  installRuntime('WARN');
  const exitAfterSummary = process.argv.includes('--exit');
  const recon = await bootRecon({ api: true, worker: true });
  stopOnSignals(recon);
  console.log(`Recon demo: database ${recon.config.database.database}, Temporal ${recon.temporal.address}`);

  await loadDemoData(recon.dataSource, recon.config.auth.tokenSecret);
  const opened = [];
  for (const period of DEMO_PERIODS) {
    opened.push(
      await recon.periods.openPeriod(
        period.customerCode,
        period.periodStart,
        period.periodEnd,
        SYSTEM_ACTORS.demo,
      ),
    );
  }
  for (const { workflowId } of opened) {
    const period = await waitUntilResting(recon, workflowId);
    if (period.status === PeriodStatus.AWAITING_CUSTOMER) {
      await confirmAsCustomer(recon, period);
      await waitUntilResting(recon, workflowId);
      for (let tries = 0; tries < 100; tries += 1) {
        const row = await recon.dataSource
          .getRepository(ReconciliationPeriod)
          .findOneByOrFail({ workflowId });
        if (row.status === PeriodStatus.CLOSED) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  console.log('\n对账结果 Reconciliation results, October 2026\n');
  for (const { workflowId } of opened)
    console.log(formatSummary(await summarisePeriod(recon.dataSource, workflowId)) + '\n');

  const dunning = await startDemoDunning(recon.dataSource, recon.periods);
  if (dunning)
    console.log(
      `催款 Dunning: ${dunning.customerCode} owes ${new Money(dunning.overdue).toFixed(2)} ${dunning.currency} overdue; its level ${dunning.level} 催款函 is in the outbox (${path.join(recon.config.dataDir, 'outbox', dunning.messageId)}.json and its PDF)\n`,
    );
  else console.log('催款 Dunning: nothing is overdue today, so no customer is in dunning\n');
  console.log(`${await describeDemoCredit(recon.dataSource)}\n`);

  const manager = await recon.dataSource.getRepository(User).findOneByOrFail({ email: DEMO_USERS[0].email });
  const token = signUserToken(recon.config.auth.tokenSecret, {
    sub: manager.id,
    role: manager.role,
    name: manager.displayName,
    exp: Math.floor(Date.now() / 1000) + recon.config.auth.tokenTtlSeconds,
  });
  const example = `{ period(customerCode: "${DEMO_PERIODS[0].customerCode}", period: "2026-10") { status bridgeTied ourClosingBalance theirClosingBalance differences { edges { node { kind amount explanation } } } } }`;
  console.log(`GraphQL: ${recon.api!.graphqlUrl}`);
  console.log(
    `Temporal: ${recon.temporal.address}${recon.temporal.devServer?.uiUrl ? ` (UI ${recon.temporal.devServer.uiUrl})` : ''}`,
  );
  console.log(`\nA manager's token (王经理), valid ${recon.config.auth.tokenTtlSeconds / 3600} h. Try:`);
  console.log(`  export RECON_TOKEN='${token}'`);
  console.log(
    `  curl -s ${recon.api!.graphqlUrl} -H 'content-type: application/json' -H "authorization: Bearer $RECON_TOKEN" \\\n` +
      `    -d '${JSON.stringify({ query: example })}'`,
  );
  console.log(`\nIn a browser, open ${recon.api!.url}/ and sign in as (e-mail / demo password):`);
  for (const user of DEMO_USERS)
    console.log(`  ${user.displayName.padEnd(22)} ${user.email.padEnd(26)} ${user.password}`);
  console.log(
    "\nManagers and the admin must also enter a code (two-factor sign-in). Add each one's link to an\n" +
      'authenticator app (most take it as text; or type in the secret), then use the six-digit code it shows:',
  );
  for (const user of DEMO_USERS) {
    const uri = demoOtpauthUri(user);
    if (uri) console.log(`  ${user.email.padEnd(26)} ${uri}`);
  }
  if (exitAfterSummary) {
    await recon.stop();
    return;
  }
  console.log(
    '\nThe web app and GraphQL stay up; Ctrl-C stops Recon (and the Temporal dev server it started).',
  );
}

main().catch(exitOnStartupError);
