import { DatePicker, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormDialog } from '../../components/FormDialog';
import { AMOUNT_TEXT, plainAmount } from '../../format/exact-decimal';
import { useT } from '../../i18n/I18nProvider';
import type { PeriodDifference } from '../../services/period';

interface AdjustmentInput {
  amount: string;
  entryDate: string;
  reason: string;
}

interface AdjustmentModalProps {
  difference: PeriodDifference;
  description: string;
  /** The period's last day: where an adjustment of this period is usually booked. */
  defaultDate: string;
  /** Why the last send was refused (shown in the dialog once it has sent). */
  refusal?: string;
  onCancel(): void;
  onSubmit(input: AdjustmentInput): Promise<boolean>;
}

/**
 * Propose an adjustment to our ledger for a difference, with a comment; a manager approves it.
 * The amount starts as the difference's own (what would close it), editable.
 */
export function AdjustmentModal({
  difference,
  description,
  defaultDate,
  refusal,
  onCancel,
  onSubmit,
}: AdjustmentModalProps) {
  const t = useT();
  return (
    <FormDialog<{ amount: string; entryDate: Dayjs; reason: string }>
      title={t('period.adjustmentTitle')}
      okText={t('period.adjustmentSubmit')}
      intro={<Typography.Paragraph>{description}</Typography.Paragraph>}
      initialValues={{ amount: plainAmount(difference.amount), entryDate: dayjs(defaultDate), reason: '' }}
      refusal={refusal}
      onCancel={onCancel}
      onSubmit={(values) =>
        onSubmit({
          amount: values.amount.trim(),
          entryDate: values.entryDate.format('YYYY-MM-DD'),
          reason: values.reason.trim(),
        })
      }
    >
      <Form.Item
        name="amount"
        label={t('period.adjustmentAmount')}
        rules={[
          { required: true, message: t('period.textRequired') },
          { pattern: AMOUNT_TEXT, message: t('period.adjustmentAmountFormat') },
        ]}
      >
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item
        name="entryDate"
        label={t('period.adjustmentDate')}
        rules={[{ required: true, message: t('period.textRequired') }]}
      >
        <DatePicker allowClear={false} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('period.adjustmentReason')}
        rules={[{ required: true, whitespace: true, message: t('period.textRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormDialog>
  );
}
