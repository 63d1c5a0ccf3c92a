import { Form, Input } from 'antd';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/I18nProvider';

/** What the credit dialogs send: the amount stays empty in a dialog without its field. */
export interface CreditFormValues {
  amount: string;
  reason: string;
}

export const EMPTY_CREDIT_FORM: CreditFormValues = { amount: '', reason: '' };

/** The new limit, checked before it sends: `problemOf` names the message of what is wrong, if anything. */
export function NewLimitField({ problemOf }: { problemOf(value: string): MessageKey | null }) {
  const t = useT();
  return (
    <Form.Item
      name="amount"
      label={t('credit.newLimit')}
      required
      rules={[
        {
          validator: async (_, value?: string) => {
            const problem = problemOf(value ?? '');
            if (problem) throw new Error(t(problem));
          },
        },
      ]}
    >
      <Input inputMode="decimal" />
    </Form.Item>
  );
}

/** Why, in words (audited with the action); `requiredMessage` says so when it is left empty. */
export function CreditReasonField({ requiredMessage }: { requiredMessage: MessageKey }) {
  const t = useT();
  return (
    <Form.Item
      name="reason"
      label={t('credit.reason')}
      rules={[{ required: true, whitespace: true, message: t(requiredMessage) }]}
    >
      {/* rows, not autoSize: autoSize sets inline styles that the page's CSP blocks. */}
      <Input.TextArea rows={3} maxLength={500} />
    </Form.Item>
  );
}
