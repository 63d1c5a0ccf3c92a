import { useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { DialogRefusal } from '../../components/DialogRefusal';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import type { CreditStanding, useCreditDirectActions } from '../../services/credit';
import { lowerAmountProblem, suggestionEffect } from '../../services/credit-rules';
import { useRefusalMessage } from '../../services/refusals';

/** The actions that apply at once (no manager's decision): a hold, a lower limit, the suggested limit. */
export type CreditDirectAction = 'hold' | 'lower' | 'accept';

interface Props {
  action: CreditDirectAction;
  standing: CreditStanding;
  actions: ReturnType<typeof useCreditDirectActions>;
  /** Done: the sentence the page shows. */
  onDone(message: string): void;
  /** Refused: the page reads the customer's standing again (it may have moved on). */
  onRefused(): void;
  onCancel(): void;
}

const TITLES = {
  hold: 'credit.holdTitle',
  lower: 'credit.lowerTitle',
  accept: 'credit.acceptTitle',
} as const;

const AMOUNT_PROBLEMS = {
  required: 'credit.amountRequired',
  format: 'credit.amountFormat',
  notLower: 'credit.lowerNotLower',
} as const;

/**
 * One direct credit action's dialog: what it does in words, its fields, and the server's refusal
 * inside the dialog. The server decides; the checks here only save a round trip.
 */
export function CreditActionModal({ action, standing, actions, onDone, onRefused, onCancel }: Props) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const [sent, setSent] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const customer = `${standing.customerCode} ${standing.customerName}`;
  const amountProblem = action === 'lower' ? lowerAmountProblem(amount, standing.limit) : undefined;
  const reasonMissing = action !== 'accept' && !reason.trim();
  const effect = suggestionEffect(standing);

  const submit = async () => {
    setChecked(true);
    if (amountProblem || reasonMissing) return;
    setSent(true);
    setRefusal(undefined);
    try {
      if (action === 'hold') await actions.placeHold(standing.customerCode, reason);
      else if (action === 'lower')
        await actions.lowerLimit({
          customerCode: standing.customerCode,
          currency: standing.currency,
          amount,
          reason,
        });
      else await actions.acceptSuggested(standing.customerCode);
      onDone(
        t(
          action === 'hold'
            ? 'credit.holdDone'
            : action === 'lower' || effect === 'LOWERS'
              ? 'credit.lowerDone'
              : 'credit.requested',
          { customer: standing.customerCode },
        ),
      );
    } catch (failure) {
      setRefusal(refusalMessage(failure));
      onRefused();
    }
  };

  return (
    <Modal
      open
      title={t(TITLES[action], { customer, currency: standing.currency })}
      okText={t(
        action === 'hold'
          ? 'credit.holdSubmit'
          : action === 'lower'
            ? 'credit.lowerSubmit'
            : 'credit.acceptSubmit',
      )}
      okButtonProps={{ danger: action !== 'accept' }}
      confirmLoading={actions.busy}
      cancelText={t('credit.cancel')}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <DialogRefusal refusal={refusal} sent={sent} />
      <Typography.Paragraph>
        {action === 'hold' && t('credit.holdExplained')}
        {action === 'lower' &&
          t('credit.lowerExplained', {
            limit: standing.limit == null ? t('credit.noLimit') : formatAmount(standing.limit),
          })}
        {action === 'accept' &&
          t(effect === 'LOWERS' ? 'credit.acceptLowers' : 'credit.acceptAsks', {
            suggested: formatAmount(standing.suggestedLimit ?? '0'),
            limit: standing.limit == null ? t('credit.noLimit') : formatAmount(standing.limit),
          })}
      </Typography.Paragraph>
      {action !== 'accept' && (
        <Form layout="vertical" onFinish={() => void submit()}>
          {action === 'lower' && (
            <Form.Item
              label={t('credit.newLimit')}
              htmlFor="credit-lower-amount"
              required
              validateStatus={checked && amountProblem ? 'error' : undefined}
              help={checked && amountProblem ? t(AMOUNT_PROBLEMS[amountProblem]) : undefined}
            >
              <Input
                id="credit-lower-amount"
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
              />
            </Form.Item>
          )}
          <Form.Item
            label={t('credit.reason')}
            htmlFor="credit-action-reason"
            required
            validateStatus={checked && reasonMissing ? 'error' : undefined}
            help={checked && reasonMissing ? t('credit.reasonAudited') : undefined}
          >
            {/* rows, not autoSize: autoSize sets inline styles that the page's CSP blocks. */}
            <Input.TextArea
              id="credit-action-reason"
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
