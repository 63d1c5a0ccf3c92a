// Sending a dunning level's 催款函 through the statement transport (outbox or SMTP), once per
// customer + cycle + level.
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, SYSTEM_ACTORS } from '../contract/actor';
import type { DunningLetterRequest } from '../contract/collections/dunning';
import { DunningLetterStatus } from '../contract/credit/enums';
import { insertRows } from '../db/insert-rows';
import { Customer } from '../entities/customer.entity';
import { DunningLetter } from '../entities/dunning-letter.entity';
import { formatAmount } from '../formats/amount';
import type { StatementMessage, StatementTransport } from '../notifications/statement-transport';
import type { DunningLetterData } from './letter-types';
import { notFound } from '../credit/credit-error';
import { DUNNING_ENTITY } from './dunning-cases';
import { dunningLetterData, dunningMessageId } from './letter-data';
import { overdueOfCustomers } from './overdue';

/**
 * The 催款函 as a file. reports/ renders it and imports this folder's letter types, so the caller
 * (the dunning activity) hands the renderer in: collections/ never imports reports/.
 */
export type RenderLetter = (
  data: DunningLetterData,
) => Promise<{ fileName: string; contentType: string; body: Buffer }>;

export interface LetterDeps {
  dataSource: DataSource;
  transport: StatementTransport;
  renderLetter: RenderLetter;
  companyName: string;
  companyContact?: string;
  now: () => Date;
}

const SUBJECTS: Record<DunningLetterData['tone'], string> = {
  FRIENDLY: '付款提醒函 Payment reminder',
  FIRM: '催款函 Overdue payment notice',
  FINAL: '最后催款通知 Final notice',
};

/**
 * The level's letter, in one transaction that payments wait for: it first locks the customer's
 * exposure version row, which every ledger write raises in its own transaction (CreditVersions
 * triggers), so a payment either committed before (and is seen here) or commits after the letter.
 * Then, under the letter row's lock: a level already SENT sends nothing (sent: false); nothing
 * overdue any more sends nothing and says so (paid: true; the case closes PAID); otherwise the row
 * is claimed (unique per customer + cycle + level) with the data it prints, the mail goes out and
 * the row is marked SENT. A claimed row whose mail may or may not have left (the worker died in
 * between) is sent again with the same data and message id, which the transport replaces (the
 * outbox file; SMTP's Message-ID) — unless paid since. The version row stays locked while the mail
 * goes out: the customer's ledger writes wait that long (an outbox file, or an SMTP hand-over).
 */
export async function sendLetter(
  deps: LetterDeps,
  request: DunningLetterRequest,
): Promise<{ sent: boolean; messageId: string; paid: boolean }> {
  const { dataSource } = deps;
  const messageId = dunningMessageId(request.customerId, request.cycle, request.level);
  const customer = await dataSource.getRepository(Customer).findOneBy({ id: request.customerId });
  if (!customer) throw notFound(`customer ${request.customerId}`);
  const key = { customerId: request.customerId, cycle: request.cycle, level: request.level };
  return dataSource.transaction(async (manager) => {
    // A locking write, not a read: the snapshot of the reads below starts after it is granted.
    await manager.query(
      'INSERT INTO credit_versions (customer_id, version) VALUES (?, 0) ON DUPLICATE KEY UPDATE version = version',
      [customer.id],
    );
    const letters = manager.getRepository(DunningLetter);
    const locked = () => letters.findOne({ where: key, lock: { mode: 'pessimistic_write' } });
    let letter = await locked();
    if (letter?.status === DunningLetterStatus.SENT) return { sent: false, messageId, paid: false };
    const overdue = (await overdueOfCustomers(manager, [customer], request.asOf)).get(customer.id)!;
    if (overdue.overdueUnits === 0n) return { sent: false, messageId, paid: true };
    if (!letter) {
      const data = dunningLetterData({
        company: { name: deps.companyName, email: deps.companyContact },
        customer,
        cycle: request.cycle,
        level: request.level,
        tone: request.tone,
        asOf: request.asOf,
        overdue,
      });
      await insertRows(
        manager,
        'dunning_letters',
        [
          'case_id',
          'customer_id',
          'cycle',
          'level',
          'tone',
          'message_id',
          'as_of',
          'currency',
          'total_overdue',
          'document',
        ],
        [
          [
            request.caseId,
            request.customerId,
            request.cycle,
            request.level,
            request.tone,
            messageId,
            request.asOf,
            overdue.currency,
            overdue.overdue,
            JSON.stringify(data),
          ],
        ],
        { ignore: true },
      );
      letter = await locked();
      if (!letter) throw new Error(`dunning letter ${messageId} was not claimed`);
    }
    const claimed = letter;
    const data = claimed.document as unknown as DunningLetterData;
    await deps.transport.send(await letterMessage(deps, customer, claimed.messageId, data));
    await manager.query('UPDATE dunning_letters SET status = ?, sent_at = ? WHERE id = ?', [
      DunningLetterStatus.SENT,
      deps.now(),
      claimed.id,
    ]);
    await appendAudit(manager, {
      ...auditFields(SYSTEM_ACTORS.dunning),
      action: 'dunning.letter_sent',
      entityType: DUNNING_ENTITY,
      entityId: claimed.caseId,
      after: {
        level: claimed.level,
        tone: claimed.tone,
        cycle: claimed.cycle,
        total: data.totalOverdue,
        currency: data.currency,
        messageId: claimed.messageId,
        to: customer.contactEmail,
      },
    });
    return { sent: true, messageId: claimed.messageId, paid: false };
  });
}

/** The mail: the letter's gist in its text, the 催款函 PDF attached. */
async function letterMessage(
  deps: LetterDeps,
  customer: Customer,
  messageId: string,
  data: DunningLetterData,
): Promise<StatementMessage> {
  const pdf = await deps.renderLetter(data);
  return {
    messageId,
    to: customer.contactEmail ?? `${customer.code}@customers.invalid`,
    subject: `${SUBJECTS[data.tone]}: ${customer.name} (${data.letterNo})`,
    text: [
      `${customer.name}:`,
      `截至 ${data.issueDate} 逾期未付 Overdue as of ${data.issueDate}: ${formatAmount(data.totalOverdue)} ${data.currency}`,
      ...data.items.map(
        (item) =>
          `${item.docNo.padEnd(20)} ${item.dueDate}  +${String(item.daysOverdue).padStart(3)}d ${formatAmount(item.openAmount).padStart(16)}`,
      ),
      ``,
      ...(data.payBy ? [`请于 ${data.payBy} 前付清 Please pay by ${data.payBy}.`] : []),
      `详见附件催款函 See the attached letter.`,
      ``,
      `此致 Regards,`,
      deps.companyName,
      ...(deps.companyContact ? [`如有疑问请联系 Questions: ${deps.companyContact}`] : []),
    ].join('\n'),
    confirmationUrl: '',
    attachments: [{ fileName: pdf.fileName, contentType: pdf.contentType, content: pdf.body }],
  };
}
