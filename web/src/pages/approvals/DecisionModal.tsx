import { Form, Input } from 'antd';
import { FormDialog } from '../../components/FormDialog';
import { useT } from '../../i18n/I18nProvider';

export type DecisionKind = 'approve' | 'reject' | 'withdraw';

const CONFIRM_WORDS = {
  approve: 'approvals.confirmApprove',
  reject: 'approvals.confirmReject',
  withdraw: 'approvals.confirmWithdraw',
} as const;

interface Props {
  kind: DecisionKind;
  title: string;
  /** Why the last send was refused (shown in the dialog once it has sent). */
  refusal?: string;
  onSubmit(comment: string): Promise<unknown>;
  onCancel(): void;
}

/** Approve (comment optional), reject (reason required) or withdraw (comment optional) one adjustment. */
export function DecisionModal({ kind, title, refusal, onSubmit, onCancel }: Props) {
  const t = useT();
  const rejecting = kind === 'reject';
  return (
    <FormDialog<{ comment: string }>
      title={title}
      okText={t(CONFIRM_WORDS[kind])}
      danger={kind !== 'approve'}
      initialValues={{ comment: '' }}
      refusal={refusal}
      onSubmit={({ comment }) => onSubmit(comment)}
      onCancel={onCancel}
    >
      <Form.Item
        name="comment"
        label={rejecting ? t('approvals.rejectReason') : t('approvals.commentOptional')}
        rules={[{ required: rejecting, whitespace: true, message: t('approvals.rejectReasonRequired') }]}
      >
        {/* rows, not autoSize: autoSize sets inline styles that the page's CSP blocks. */}
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormDialog>
  );
}
