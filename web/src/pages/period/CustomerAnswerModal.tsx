import { Form, Input, Radio, Select, Typography } from 'antd';
import { FormDialog } from '../../components/FormDialog';
import { AMOUNT_TEXT } from '../../format/exact-decimal';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import type { PeriodLine } from '../../services/period';
import type { CustomerAnswer } from '../../services/period-decisions';

interface Values {
  answer: 'CONFIRMED' | 'DISPUTED';
  comment: string;
  lineIds?: string[];
  /** Per disputed line: what the customer's books show, when they said. */
  theirAmounts?: Record<string, string | undefined>;
}

interface CustomerAnswerModalProps {
  /** The lines of our statement the customer may name (the period's ledger entries on screen). */
  lines: readonly PeriodLine[];
  currency: string;
  /** Why the last send was refused (shown in the dialog once it has sent). */
  refusal?: string;
  onCancel(): void;
  /** Resolves true when recorded (the modal closes), false when refused (it stays, as typed). */
  onSubmit(answer: CustomerAnswer): Promise<boolean>;
}

const lineLabel = (line: PeriodLine, currency: string) =>
  `${line.date} · ${line.docNo ?? line.reference ?? line.id} · ${formatAmount(line.amount)} ${currency}`;

/**
 * A manager records the answer a customer gave by phone or on signed paper, in their own name:
 * the balance confirmed, or the lines disputed (with the amount in the customer's books, if said).
 */
export function CustomerAnswerModal({
  lines,
  currency,
  refusal,
  onCancel,
  onSubmit,
}: CustomerAnswerModalProps) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const answer = Form.useWatch('answer', form);
  const lineIds = Form.useWatch('lineIds', form) ?? [];
  const byId = new Map(lines.map((line) => [line.id, line]));
  return (
    <FormDialog<Values>
      form={form}
      title={t('period.answerTitle')}
      okText={t('period.answerSubmit')}
      intro={<Typography.Paragraph>{t('period.answerExplained')}</Typography.Paragraph>}
      initialValues={{ answer: 'CONFIRMED', comment: '' }}
      refusal={refusal}
      onCancel={onCancel}
      onSubmit={(values) => {
        const comment = values.comment.trim();
        return onSubmit(
          values.answer === 'CONFIRMED'
            ? { confirmed: true, comment }
            : {
                confirmed: false,
                comment,
                lines: (values.lineIds ?? []).map((id) => ({
                  ledgerEntryId: id,
                  theirAmount: values.theirAmounts?.[id]?.trim() || undefined,
                })),
              },
        );
      }}
    >
      <Form.Item name="answer" label={t('period.answerWhat')}>
        <Radio.Group
          options={[
            { value: 'CONFIRMED', label: t('period.answerConfirmed') },
            { value: 'DISPUTED', label: t('period.answerDisputed') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="comment"
        label={t('period.answerComment')}
        rules={[{ required: true, whitespace: true, message: t('common.textRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      {answer === 'DISPUTED' && (
        <>
          <Form.Item
            name="lineIds"
            label={t('period.answerLines')}
            rules={[{ required: true, type: 'array', min: 1, message: t('period.answerLinesRequired') }]}
          >
            <Select
              mode="multiple"
              optionFilterProp="label"
              aria-label={t('period.answerLines')}
              options={lines.map((line) => ({ value: line.id, label: lineLabel(line, currency) }))}
            />
          </Form.Item>
          {lineIds.map((id) => {
            const line = byId.get(id);
            return (
              <Form.Item
                key={id}
                name={['theirAmounts', id]}
                label={t('period.answerTheirAmount', { line: line ? lineLabel(line, currency) : id })}
                rules={[{ pattern: AMOUNT_TEXT, message: t('period.adjustmentAmountFormat') }]}
              >
                <Input inputMode="decimal" />
              </Form.Item>
            );
          })}
        </>
      )}
    </FormDialog>
  );
}
