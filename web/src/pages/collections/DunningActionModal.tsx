import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../i18n/I18nProvider';
import type { DisputeOutcome, useDunningActions } from '../../services/collections';
import { useRefusalMessage } from '../../services/refusals';

export type DunningAction = 'promise' | 'dispute' | 'resolve';

interface Values {
  promisedDate?: Dayjs;
  amount?: string;
  note?: string;
  reason?: string;
  outcome?: DisputeOutcome;
}

const TITLES = {
  promise: 'collections.recordPromise',
  dispute: 'collections.openDispute',
  resolve: 'collections.resolveDispute',
} as const;

/** The form of one collector's action; the server checks every field and the refusal is shown here. */
export function DunningActionModal({
  action,
  actions,
  mayUphold,
  onDone,
  onRefused,
  onCancel,
}: {
  action: DunningAction;
  actions: ReturnType<typeof useDunningActions>;
  mayUphold: boolean;
  onDone: () => void;
  /** Refused: the case may have moved on (someone else acted), so the page reads it again behind the dialog. */
  onRefused: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const required = [{ required: true, message: t('collections.required') }];

  const submit = async (values: Values) => {
    setError(undefined);
    try {
      if (action === 'promise') {
        await actions.recordPromise({
          promisedDate: values.promisedDate?.format('YYYY-MM-DD') ?? '',
          amount: values.amount ?? '',
          note: values.note ?? '',
        });
      } else if (action === 'dispute') {
        await actions.openDispute({ reason: values.reason ?? '', amount: values.amount ?? '' });
      } else {
        await actions.resolveDispute(values.outcome ?? 'REJECTED', values.note ?? '');
      }
      onDone();
    } catch (failure) {
      setError(refusalMessage(failure));
      onRefused();
    }
  };

  return (
    <Modal
      open
      title={t(TITLES[action])}
      okText={t('collections.save')}
      cancelText={t('collections.cancel')}
      confirmLoading={actions.busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        {action === 'promise' && (
          <>
            <Form.Item name="promisedDate" label={t('collections.promisedDate')} rules={required}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="amount" label={t('collections.amountOptional')}>
              <Input inputMode="decimal" />
            </Form.Item>
            <Form.Item name="note" label={t('collections.note')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {action === 'dispute' && (
          <>
            <Form.Item name="reason" label={t('collections.reason')} rules={required}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="amount" label={t('collections.disputeAmountOptional')}>
              <Input inputMode="decimal" />
            </Form.Item>
          </>
        )}
        {action === 'resolve' && (
          <>
            <Form.Item
              name="outcome"
              label={t('collections.outcome')}
              rules={required}
              initialValue="REJECTED"
            >
              <Radio.Group>
                <Radio value="REJECTED">{t('collections.outcomeREJECTED')}</Radio>
                <Radio
                  value="UPHELD"
                  disabled={!mayUphold}
                  title={mayUphold ? undefined : t('collections.upholdNeedsManager')}
                >
                  {t('collections.outcomeUPHELD')}
                </Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="note" label={t('collections.outcomeNote')} rules={required}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
