import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { formatAmount } from '../../format/amount';
import {
  parseAmount,
  useAnswerStatement,
  type CustomerStatement,
  type DisputeChoice,
} from '../../services/customer-link';
import { useRefusalMessage } from '../../services/refusals';

interface Props {
  token: string;
  statement: CustomerStatement;
  /** Lines the customer ticked in the statement above. */
  selected: readonly number[];
  onAnswered(): void;
}

interface DisputeForm {
  reason: string;
  amounts?: Record<string, string | undefined>;
}

/** Confirm the balance, or dispute the ticked lines with a reason (and, optionally, their amounts). */
export function AnswerPanel({ token, statement, selected, onAnswered }: Props) {
  const { t } = useI18n();
  const refusalMessage = useRefusalMessage();
  const { busy, confirm, dispute } = useAnswerStatement(token);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<string>();
  const [form] = Form.useForm<DisputeForm>();

  const run = async (answer: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await answer();
      onAnswered();
    } catch (error) {
      setFailure(refusalMessage(error));
    }
  };

  const onDispute = (values: DisputeForm) => {
    const choices: DisputeChoice[] = selected.map((lineNo) => {
      const typed = values.amounts?.[String(lineNo)]?.trim();
      return { lineNo, ...(typed ? { theirAmount: parseAmount(typed) } : {}) };
    });
    void run(() => dispute(values.reason, choices));
  };

  return (
    <Card className="confirm-answer">
      <Typography.Title level={2} className="confirm-subheading">
        {t('confirm.askTitle')}
      </Typography.Title>
      <Typography.Paragraph>{t('confirm.askText')}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon role="alert" title={failure} className="confirm-alert" />}
      <Button type="primary" block size="large" disabled={busy} onClick={() => setConfirmOpen(true)}>
        {t('confirm.confirm')}
      </Button>
      <Modal
        open={confirmOpen}
        title={t('confirm.confirmQuestion', {
          amount: formatAmount(statement.closingBalance),
          currency: statement.currency,
        })}
        okText={t('confirm.confirmOk')}
        cancelText={t('confirm.cancel')}
        confirmLoading={busy}
        onCancel={() => setConfirmOpen(false)}
        onOk={() => void run(() => confirm(comment)).then(() => setConfirmOpen(false))}
      >
        <label htmlFor="confirm-comment">{t('confirm.confirmComment')}</label>
        <Input.TextArea
          id="confirm-comment"
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>

      <Form<DisputeForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onDispute}
        disabled={busy}
      >
        <Typography.Paragraph className="confirm-dispute-hint">
          {t('confirm.disputeHint', { count: selected.length })}
        </Typography.Paragraph>
        {selected.map((lineNo) => (
          <Form.Item
            key={lineNo}
            name={['amounts', String(lineNo)]}
            label={t('confirm.theirAmountFor', { lineNo })}
            rules={[
              {
                validator: async (_, value?: string) => {
                  if (value && value.trim() && !parseAmount(value))
                    throw new Error(t('confirm.amountInvalid'));
                },
              },
            ]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        ))}
        <Form.Item
          name="reason"
          label={t('confirm.reason')}
          rules={[{ required: true, whitespace: true, message: t('confirm.reasonRequired') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Flex vertical gap={4}>
          <Button danger block size="large" htmlType="submit" disabled={busy || selected.length === 0}>
            {t('confirm.sendDispute')}
          </Button>
          {selected.length === 0 && (
            <Typography.Text type="secondary">{t('confirm.selectFirst')}</Typography.Text>
          )}
        </Flex>
      </Form>
    </Card>
  );
}
