import { format, type MessageKey, type MessageValues } from '../../web/src/i18n/catalog';
import enUS from '../../web/src/locales/en-US';
import zhCN from '../../web/src/locales/zh-CN';
import { englishTaskTitle, TaskTitleKind, type TaskTitle } from '../../contract/task-title';
import { taskTitleText } from '../../web/src/services/task-title';

const zh = (key: MessageKey, values?: MessageValues) => format(zhCN, key, values);
const en = (key: MessageKey, values?: MessageValues) => format(enUS, key, values);

/** A task as the API answers it: the English title and the same as data. */
const row = (title: TaskTitle) => ({
  title: englishTaskTitle(title),
  titleKind: title.kind,
  titleParams: title.params as unknown,
});

describe("a task's title in the reader's language", () => {
  it('words every kind in zh and en from its parameters', () => {
    const titles: Array<[TaskTitle, string, string]> = [
      [
        {
          kind: TaskTitleKind.DIFFERENCE,
          params: { differenceKind: 'MISSING_IN_OURS', amount: '-1500', explanation: 'BANKFEE-7' },
        },
        '我方未记账 -1,500.00：BANKFEE-7',
        'Not in our books -1,500.00: BANKFEE-7',
      ],
      [
        { kind: TaskTitleKind.SUGGESTION, params: { rule: 'R3', confidence: '0.82', evidence: 'INV-9' } },
        '建议匹配（规则 R3，置信度 0.82）：INV-9',
        'Suggested match (rule R3, confidence 0.82): INV-9',
      ],
      [
        { kind: TaskTitleKind.DISPUTE, params: { comment: '我们记的是 300' } },
        '客户对一行提出异议：我们记的是 300',
        'Customer disputes a line: 我们记的是 300',
      ],
      [
        { kind: TaskTitleKind.ESCALATION, params: { round: 2, balance: '1,785.00' } },
        '客户未回复第 2 轮对账单（余额 1,785.00）',
        'Customer has not answered statement round 2 (balance 1,785.00)',
      ],
      [
        { kind: TaskTitleKind.APPROVE_ADJUSTMENT, params: { amount: '-15.00', approvals: 2, reason: 'fee' } },
        '审批调整 -15.00（需 2 人批准）：fee',
        'Approve adjustment -15.00 (2 approval(s)): fee',
      ],
      [
        { kind: TaskTitleKind.ADJUSTMENT_REJECTED, params: { amount: '-15.00', comment: 'no slip' } },
        '调整 -15.00 被驳回：no slip',
        'Adjustment -15.00 rejected: no slip',
      ],
      [
        {
          kind: TaskTitleKind.COLLECTION,
          params: { customer: 'C001 华东贸易', overdue: '15456.78', currency: 'CNY', days: 12, level: 1 },
        },
        '向 C001 华东贸易 催收：逾期 CNY 15,456.78，已逾期 12 天（已发第 1 级催款函）',
        'Collect from C001 华东贸易: CNY 15,456.78 overdue for 12 days (letter level 1 sent)',
      ],
      [
        {
          kind: TaskTitleKind.DUNNING_ESCALATION,
          params: {
            customer: 'C001 华东贸易',
            overdue: '900.00',
            currency: 'CNY',
            level: 3,
            why: 'FINAL_NOTICE',
          },
        },
        'C001 华东贸易 催款升级（逾期 CNY 900.00，第 3 级）：已发出最后催款通知',
        'Dunning escalated for C001 华东贸易 (CNY 900.00 overdue, level 3): the final notice went out',
      ],
      [
        {
          kind: TaskTitleKind.DUNNING_ESCALATION,
          params: { customer: 'C002', overdue: '1.00', currency: 'USD', level: 3, why: 'PROMISE_BROKEN' },
        },
        'C002 催款升级（逾期 USD 1.00，第 3 级）：客户未兑现付款承诺',
        'Dunning escalated for C002 (USD 1.00 overdue, level 3): a promise to pay was broken',
      ],
    ];
    for (const [title, inZh, inEn] of titles) {
      expect(taskTitleText(row(title), zh)).toBe(inZh);
      expect(taskTitleText(row(title), en)).toBe(inEn);
    }
    // Every kind of the contract is worded (a new kind without words fails here).
    expect(new Set(titles.map(([title]) => title.kind))).toEqual(new Set(Object.values(TaskTitleKind)));
  });

  it('shows the stored title of old rows, hand-raised tasks and incomplete parameters', () => {
    expect(
      taskTitleText({ title: 'MISSING_IN_OURS 5.00: old', titleKind: null, titleParams: null }, zh),
    ).toBe('MISSING_IN_OURS 5.00: old');
    expect(taskTitleText({ title: 'Call the customer' }, en)).toBe('Call the customer');
    expect(taskTitleText({ title: 'x', titleKind: 'DISPUTE', titleParams: {} }, zh)).toBe('x');
    expect(
      taskTitleText({ title: 'x', titleKind: 'ESCALATION', titleParams: { round: 1, balance: null } }, en),
    ).toBe('x');
  });

  it('keeps the English title the server writes as it was, cut to the column', () => {
    expect(
      englishTaskTitle({
        kind: TaskTitleKind.DIFFERENCE,
        params: { differenceKind: 'TIMING', amount: '10.00', explanation: 'in transit' },
      }),
    ).toBe('TIMING 10.00: in transit');
    expect(
      englishTaskTitle({ kind: TaskTitleKind.DISPUTE, params: { comment: 'x'.repeat(400) } }),
    ).toHaveLength(300);
  });
});
