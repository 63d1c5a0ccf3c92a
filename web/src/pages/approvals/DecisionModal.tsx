import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
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
  busy: boolean;
  /** The refusal of the last attempt, as a sentence. */
  error?: string;
  onSubmit(comment: string): void;
  onCancel(): void;
}

/** Approve (comment optional), reject (reason required) or withdraw (comment optional) one adjustment. */
export function DecisionModal({ kind, title, busy, error, onSubmit, onCancel }: Props) {
  const t = useT();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const rejecting = kind === 'reject';
  const label = rejecting ? t('approvals.rejectReason') : t('approvals.commentOptional');
  const submit = () => {
    if (rejecting && !comment.trim()) return setMissing(true);
    onSubmit(comment);
  };
  return (
    <Modal
      open
      title={title}
      okText={t(CONFIRM_WORDS[kind])}
      okButtonProps={{ danger: kind !== 'approve', loading: busy }}
      cancelText={t('approvals.cancel')}
      onOk={submit}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={submit}>
        <Form.Item
          label={label}
          htmlFor="decision-comment"
          required={rejecting}
          validateStatus={missing ? 'error' : undefined}
          help={missing ? t('approvals.rejectReasonRequired') : undefined}
        >
          {/* rows, not autoSize: autoSize sets inline styles that the page's CSP blocks. */}
          <Input.TextArea
            id="decision-comment"
            rows={3}
            maxLength={1000}
            value={comment}
            onChange={(event) => {
              setComment(event.target.value);
              setMissing(false);
            }}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
