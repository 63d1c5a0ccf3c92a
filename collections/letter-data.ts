// The 催款函's data for one level, from what is overdue on its day. Pure.
import type { DunningTone } from '../contract/credit/enums';
import { dateOfDay, dayNumber } from '../formats/date';
import type { DunningLetterData } from './letter-types';
import type { CustomerOverdue } from './overdue';

/** Days the letter gives the customer to pay, from its date. */
export const PAY_WITHIN_DAYS = 10;

/** The letter number printed on the 催款函 and used in its file name: one per customer, cycle and level. */
export const dunningLetterNo = (customerCode: string, cycle: string, level: number) =>
  `DUN-${customerCode}-${cycle}-L${level}`;

/** The transport's message id of a letter: stable, so a re-sent mail replaces rather than duplicates. */
export const dunningMessageId = (customerId: string, cycle: string, level: number) =>
  `dunning-${customerId}-${cycle}-L${level}`;

export function dunningLetterData(input: {
  company: { name: string; email?: string };
  customer: { code: string; name: string };
  cycle: string;
  level: number;
  tone: DunningTone;
  asOf: string;
  overdue: CustomerOverdue;
}): DunningLetterData {
  return {
    company: { name: input.company.name, ...(input.company.email ? { email: input.company.email } : {}) },
    customer: { code: input.customer.code, name: input.customer.name },
    letterNo: dunningLetterNo(input.customer.code, input.cycle, input.level),
    issueDate: input.asOf,
    currency: input.overdue.currency,
    level: input.level,
    tone: input.tone,
    items: input.overdue.items.map((item) => ({
      docNo: item.docNo,
      documentDate: item.documentDate,
      dueDate: item.dueDate,
      daysOverdue: item.daysOverdue,
      openAmount: item.openAmount,
    })),
    totalOverdue: input.overdue.overdue,
    payBy: dateOfDay(dayNumber(input.asOf) + PAY_WITHIN_DAYS),
    ...(input.company.email ? { contactEmail: input.company.email } : {}),
  };
}
