import { auditFields, SYSTEM_ACTORS } from '../contract/actor';
import { appendAudit } from '../audit/audit-log';
import { hashToken, signCustomerLink } from '../auth/customer-link';
import { hashShortCode, newShortCode, shortLinkUrl } from '../auth/customer-short-link';
import { insertRows } from '../db/insert-rows';
import { ConfirmationStatus, PeriodStatus } from '../contract/enums';
import { formatMoney, Money } from '../money/decimal';
import type { ActivityDeps } from './activity-deps';
import { renderPdfOffThread } from '../reports';
import { labelText } from '../reports/document';
import { formatAmount } from '../reports/format';
import { nameOf } from '../reports/labels';
import { statementMessageId } from '../notifications/statement-transport';
import { confirmationLetterFor, statementOfAccountFor } from '../reports/sources/period-reports';
import { DEFAULT_COMPANY_NAME } from './activity-deps';
import { loadPeriodWithCustomer } from './load-period';
import { setPeriodStatus } from './set-period-status';

/**
 * Sends the statement of account (对账单) for one round with a signed, expiring confirmation link.
 * The confirmation row is created once per round and marked SENT after delivery, so a retry after a
 * failed delivery sends again, and a retry after success sends nothing.
 */
export function createSendStatement({
  dataSource,
  transport,
  customerLinks,
  companyName = DEFAULT_COMPANY_NAME,
  companyContact,
  now = () => new Date(),
}: ActivityDeps) {
  return async function sendStatement({ periodId, round }: { periodId: string; round: number }) {
    const { period, customer } = await loadPeriodWithCustomer(dataSource.manager, periodId);
    await insertRows(
      dataSource.manager,
      'customer_confirmations',
      ['period_id', 'round', 'status', 'balance'],
      [[periodId, round, ConfirmationStatus.PENDING, (period.ourClosingBalance ?? new Money(0)).toFixed()]],
      { ignore: true },
    );
    const [confirmation] = (await dataSource.query(
      'SELECT CAST(id AS CHAR) AS id, status FROM customer_confirmations WHERE period_id = ? AND round = ?',
      [periodId, round],
    )) as Array<{ id: string; status: ConfirmationStatus }>;
    if (confirmation.status !== ConfirmationStatus.PENDING)
      return { confirmationId: confirmation.id, sent: false };

    const exp = Math.floor(now().getTime() / 1000) + customerLinks.ttlSeconds;
    const token = signCustomerLink(customerLinks.secret, {
      periodId,
      customerCode: customer.code,
      round,
      exp,
    });
    const confirmationUrl = `${customerLinks.publicUrl}/confirm?token=${encodeURIComponent(token)}`;
    // What people see is the short link (/c/<code>, with a QR code on paper): the long one wraps.
    const shortCode = newShortCode();
    const shortUrl = shortLinkUrl(customerLinks.publicUrl, shortCode);
    // One load of the statement of account (对账单): the mail's text and its PDF, with the same link.
    const statement = await statementOfAccountFor(
      dataSource,
      { name: companyName },
      { period, customer },
      { confirmationUrl: shortUrl },
    );
    const letter = confirmationLetterFor(
      { name: companyName },
      { period, customer },
      { confirmationUrl: shortUrl },
    );
    const lines = statement.lines.map(
      (l) =>
        `${l.date}  ${(l.docNo || l.reference || '').padEnd(20)} ${labelText(nameOf(l.kind), 'bilingual').padEnd(16)} ${formatAmount(l.amount).padStart(16)}`,
    );
    const opening = formatAmount(statement.openingBalance);
    const closing = formatMoney(period.ourClosingBalance ?? new Money(0));
    // Rendered on the PDF thread: the worker's event loop stays free for other periods' steps and
    // for people's Updates while the monthly fan-out sends thousands of statements.
    const [pdf, letterPdf] = await Promise.all([
      renderPdfOffThread('statement', statement, 'bilingual'),
      renderPdfOffThread('confirmation', letter, 'bilingual'),
    ]);
    await transport.send({
      messageId: statementMessageId(periodId, round),
      to: customer.contactEmail ?? `${customer.code}@customers.invalid`,
      subject: `对账单 Statement of account ${period.periodStart} – ${period.periodEnd}: ${customer.name}`,
      text: [
        `${customer.name}:`,
        `对账期 Period ${period.periodStart} – ${period.periodEnd} (${period.currency})`,
        `期初余额 Opening balance: ${opening}`,
        ...lines,
        `期末余额 Closing balance: ${formatAmount((period.ourClosingBalance ?? new Money(0)).toFixed())}`,
        ``,
        `请确认或对单笔提出异议 Please confirm, or dispute single lines: ${shortUrl}`,
        ``,
        `此致 Regards,`,
        companyName,
        ...(companyContact ? [`如有疑问请联系 Questions: ${companyContact}`] : []),
      ].join('\n'),
      confirmationUrl,
      shortUrl,
      attachments: [
        { fileName: pdf.fileName, contentType: pdf.contentType, content: pdf.body },
        { fileName: letterPdf.fileName, contentType: letterPdf.contentType, content: letterPdf.body },
      ],
    });

    await dataSource.transaction(async (manager) => {
      await setPeriodStatus(manager, periodId, PeriodStatus.AWAITING_CUSTOMER);
      await manager.query(
        `UPDATE customer_confirmations SET status = ?, sent_at = ?, link_token_hash = ?, short_code_hash = ?,
                link_expires_at = ?, updated_at = CURRENT_TIMESTAMP(3)
          WHERE id = ? AND status = ?`,
        [
          ConfirmationStatus.SENT,
          now(),
          hashToken(token),
          hashShortCode(shortCode),
          new Date(exp * 1000),
          confirmation.id,
          ConfirmationStatus.PENDING,
        ],
      );
      await appendAudit(manager, {
        ...auditFields(SYSTEM_ACTORS.workflow),
        action: 'statement.sent',
        entityType: 'confirmation',
        entityId: confirmation.id,
        periodId,
        after: { round, balance: closing, to: customer.contactEmail, status: PeriodStatus.AWAITING_CUSTOMER },
      });
    });
    return { confirmationId: confirmation.id, sent: true };
  };
}
