import { Form, Input } from 'antd';
import { FormDialog } from '../../components/FormDialog';
import { useT } from '../../i18n/I18nProvider';
import { limitAmountProblem } from '../../services/credit-rules';

export type CreditRequestKind = 'limit' | 'release';

interface Props {
  kind: CreditRequestKind;
  title: string;
  /** Why the last send was refused (shown in the dialog once it has sent). */
  refusal?: string;
  onSubmit(values: { amount: string; reason: string }): Promise<unknown>;
  onCancel(): void;
}

/** Ask for a new limit (amount and reason) or a hold's release (reason): a manager decides. */
export function CreditRequestModal({ kind, title, refusal, onSubmit, onCancel }: Props) {
  const t = useT();
  return (
    <FormDialog<{ amount: string; reason: string }>
      title={title}
      okText={t('credit.submitRequest')}
      initialValues={{ amount: '', reason: '' }}
      refusal={refusal}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      {kind === 'limit' && (
        <Form.Item
          name="amount"
          label={t('credit.newLimit')}
          required
          rules={[
            {
              validator: async (_, value?: string) => {
                const problem = limitAmountProblem(value ?? '');
                if (problem)
                  throw new Error(
                    t(problem === 'required' ? 'credit.amountRequired' : 'credit.amountFormat'),
                  );
              },
            },
          ]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={t('credit.reason')}
        rules={[{ required: true, whitespace: true, message: t('credit.reasonRequired') }]}
      >
        {/* rows, not autoSize: autoSize sets inline styles that the page's CSP blocks. */}
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormDialog>
  );
}
