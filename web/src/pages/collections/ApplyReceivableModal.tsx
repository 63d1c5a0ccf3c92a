import { Form, Input, Select, Typography } from 'antd';
import { FormDialog } from '../../components/FormDialog';
import { AMOUNT_TEXT } from '../../format/exact-decimal';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import type { OpenCredit, OpenItem } from '../../services/receivables';
import { creditsFor, defaultApplyAmount } from '../../services/receivables-rules';

interface Values {
  creditEntryId: string;
  amount: string;
}

/** A credit in words: its number (or reference), date and amount. */
export const creditLabel = (credit: OpenCredit) =>
  `${credit.docNo ?? credit.reference ?? credit.ledgerEntryId} · ${credit.documentDate} · ${formatAmount(credit.amount)}`;

/**
 * Apply a receipt or credit note to this invoice by hand: the credit, the amount (at first what
 * the invoice still owes, or the credit's size if smaller). The server refuses more than either has left.
 */
export function ApplyReceivableModal({
  item,
  credits,
  refusal,
  onSubmit,
  onCancel,
}: {
  item: OpenItem;
  credits: readonly OpenCredit[];
  refusal?: string;
  onSubmit(values: Values): Promise<unknown>;
  onCancel(): void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const choices = creditsFor(credits, item);
  const name = item.docNo ?? item.ledgerEntryId;
  return (
    <FormDialog<Values>
      form={form}
      title={t('collections.applyTitle', { invoice: name })}
      okText={t('collections.applySubmit')}
      intro={
        <Typography.Paragraph>
          {t('collections.applyExplained', {
            invoice: name,
            open: `${formatAmount(item.openAmount)} ${item.currency}`,
          })}
        </Typography.Paragraph>
      }
      refusal={refusal}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <Form.Item
        name="creditEntryId"
        label={t('collections.applyCredit')}
        rules={[{ required: true, message: t('collections.applyCreditRequired') }]}
      >
        <Select
          notFoundContent={t('collections.applyNoCredit')}
          options={choices.map((c) => ({ value: c.ledgerEntryId, label: creditLabel(c) }))}
          onChange={(id: string) => {
            const credit = choices.find((c) => c.ledgerEntryId === id);
            if (credit) form.setFieldValue('amount', defaultApplyAmount(item.openAmount, credit.amount));
          }}
        />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('collections.applyAmount')}
        rules={[
          { required: true, message: t('collections.applyAmountRequired') },
          { pattern: AMOUNT_TEXT, message: t('collections.applyAmountFormat') },
        ]}
      >
        <Input inputMode="decimal" />
      </Form.Item>
    </FormDialog>
  );
}
