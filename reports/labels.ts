import { label, type Label } from './document';

/** Names of document kinds, difference kinds, statuses and aging buckets in both languages. */
const NAMES: Readonly<Record<string, Label>> = {
  OPENING: label('期初', 'Opening'),
  INVOICE: label('发票', 'Invoice'),
  RECEIPT: label('收款', 'Receipt'),
  CREDIT_NOTE: label('贷项/折让', 'Credit note'),
  DEBIT_NOTE: label('借项', 'Debit note'),
  ADJUSTMENT: label('调整', 'Adjustment'),
  OTHER: label('其他', 'Other'),
  MISSING_IN_OURS: label('我方未记账', 'Missing in our books'),
  MISSING_IN_THEIRS: label('对方未记账', "Missing in customer's books"),
  AMOUNT_MISMATCH: label('金额不符', 'Amount mismatch'),
  TIMING: label('时间性差异', 'Timing'),
  DUPLICATE: label('重复记账', 'Duplicate'),
  TOLERANCE: label('容差', 'Within tolerance'),
  UNEXPLAINED: label('未解释', 'Unexplained'),
  OPEN: label('未处理', 'Open'),
  EXPLAINED: label('已解释', 'Explained'),
  RESOLVED: label('已解决', 'Resolved'),
  EXTRACTING: label('提取中', 'Extracting'),
  MATCHING: label('匹配中', 'Matching'),
  IN_REVIEW: label('复核中', 'In review'),
  AWAITING_CUSTOMER: label('待客户确认', 'Awaiting customer'),
  AWAITING_APPROVAL: label('待审批', 'Awaiting approval'),
  CLOSED: label('已关闭', 'Closed'),
  FAILED: label('失败', 'Failed'),
  CURRENT: label('未到期', 'Current'),
  D1_30: label('1-30天', '1-30 days'),
  D31_60: label('31-60天', '31-60 days'),
  D61_90: label('61-90天', '61-90 days'),
  D90_PLUS: label('90天以上', 'Over 90 days'),
};

/** The bilingual name of a code; an unknown code stands for itself. */
export function nameOf(code: string): Label {
  return NAMES[code] ?? label(code, code);
}
