import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { limitAmountProblem } from '../../services/credit-rules';

export type CreditRequestKind = 'limit' | 'release';

interface Props {
  kind: CreditRequestKind;
  title: string;
  busy: boolean;
  /** The refusal of the last attempt, as a sentence. */
  error?: string;
  onSubmit(values: { amount: string; reason: string }): void;
  onCancel(): void;
}

/** Ask for a new limit (amount and reason) or a hold's release (reason): a manager decides. */
export function CreditRequestModal({ kind, title, busy, error, onSubmit, onCancel }: Props) {
  const t = useT();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const amountProblem = kind === 'limit' ? limitAmountProblem(amount) : undefined;
  const reasonMissing = !reason.trim();
  const submit = () => {
    setChecked(true);
    if (amountProblem || reasonMissing) return;
    onSubmit({ amount, reason });
  };
  return (
    <Modal
      open
      title={title}
      okText={t('credit.submitRequest')}
      okButtonProps={{ loading: busy }}
      cancelText={t('credit.cancel')}
      onOk={submit}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={submit}>
        {kind === 'limit' && (
          <Form.Item
            label={t('credit.newLimit')}
            htmlFor="credit-amount"
            required
            validateStatus={checked && amountProblem ? 'error' : undefined}
            help={
              checked && amountProblem
                ? t(amountProblem === 'required' ? 'credit.amountRequired' : 'credit.amountFormat')
                : undefined
            }
          >
            <Input
              id="credit-amount"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          </Form.Item>
        )}
        <Form.Item
          label={t('credit.reason')}
          htmlFor="credit-reason"
          required
          validateStatus={checked && reasonMissing ? 'error' : undefined}
          help={checked && reasonMissing ? t('credit.reasonRequired') : undefined}
        >
          {/* rows, not autoSize: autoSize sets inline styles that the page's CSP blocks. */}
          <Input.TextArea
            id="credit-reason"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
