import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DialogRefusal } from '../../components/DialogRefusal';
import { plainAmount } from '../../format/exact-decimal';
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

/** The amount as typed: an exact decimal string (never a float); the API checks the rest. */
const DECIMAL_TEXT = /^-?\d{1,15}(\.\d{1,4})?$/;

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
  const [form] = Form.useForm<{ amount: string; entryDate: Dayjs; reason: string }>();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  return (
    <Modal
      open
      title={t('period.adjustmentTitle')}
      okText={t('period.adjustmentSubmit')}
      cancelText={t('period.cancel')}
      confirmLoading={sending}
      destroyOnHidden
      onCancel={onCancel}
      onOk={() =>
        void (async () => {
          let values: { amount: string; entryDate: Dayjs; reason: string };
          try {
            values = await form.validateFields();
          } catch {
            return; // the form shows what is missing
          }
          setSending(true);
          setSent(true);
          try {
            await onSubmit({
              amount: values.amount.trim(),
              entryDate: values.entryDate.format('YYYY-MM-DD'),
              reason: values.reason.trim(),
            });
          } finally {
            setSending(false);
          }
        })()
      }
    >
      <DialogRefusal refusal={refusal} sent={sent} />
      <Typography.Paragraph>{description}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ amount: plainAmount(difference.amount), entryDate: dayjs(defaultDate), reason: '' }}
      >
        <Form.Item
          name="amount"
          label={t('period.adjustmentAmount')}
          rules={[
            { required: true, message: t('period.textRequired') },
            { pattern: DECIMAL_TEXT, message: t('period.adjustmentAmountFormat') },
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
      </Form>
    </Modal>
  );
}
