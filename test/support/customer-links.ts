import type { DataSource } from 'typeorm';
import { hashToken, signCustomerLink } from '../../auth/customer-link';
import { readOutboxMessage } from '../../notifications/outbox-transport';
import { statementMessageId } from '../../notifications/statement-transport';

/**
 * The customer's link as the customer receives it: from the statement e-mail in the outbox, once
 * the round is recorded as sent (its hash stored). Links exist nowhere else.
 */
export async function linkFromOutbox(
  dataSource: DataSource,
  outbox: string,
  periodId: string,
  round = 1,
  timeoutMs = 20_000,
): Promise<{ url: string; token: string; authorization: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = (await dataSource.query(
      'SELECT link_token_hash AS hash FROM customer_confirmations WHERE period_id = ? AND round = ?',
      [periodId, round],
    )) as Array<{ hash: string | null }>;
    if (row?.hash) break;
    if (Date.now() > deadline) throw new Error(`period ${periodId} round ${round} was never sent`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { confirmationUrl } = await readOutboxMessage(outbox, statementMessageId(periodId, round));
  const token = new URL(confirmationUrl).searchParams.get('token');
  if (!token) throw new Error(`the e-mail of period ${periodId} round ${round} has no link`);
  return { url: confirmationUrl, token, authorization: `Customer ${token}` };
}

/**
 * For harnesses without workflows: what sending a statement stores (the round's row, SENT, with the
 * link's hash), and the link it would have e-mailed.
 */
export async function recordSentLink(
  dataSource: DataSource,
  secret: string,
  { periodId, customerCode, round = 1 }: { periodId: string; customerCode: string; round?: number },
): Promise<string> {
  const token = signCustomerLink(secret, {
    periodId,
    customerCode,
    round,
    exp: Math.floor(Date.now() / 1000) + 600,
  });
  await dataSource.query(
    `INSERT INTO customer_confirmations (period_id, round, status, balance, link_token_hash, sent_at)
     VALUES (?, ?, 'SENT', '0', ?, CURRENT_TIMESTAMP(3))`,
    [periodId, round, hashToken(token)],
  );
  return `Customer ${token}`;
}
