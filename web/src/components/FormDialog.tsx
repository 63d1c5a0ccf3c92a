import { useState, type ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { DialogRefusal } from './DialogRefusal';

interface FormDialogProps<Values> {
  title: string;
  okText: string;
  /** A step back or a no (reject, withdraw): the button says so in red. */
  danger?: boolean;
  /** Above the form: what the action is about. */
  intro?: ReactNode;
  /** The caller's form, when it watches a field; otherwise the dialog has its own. */
  form?: FormInstance<Values>;
  initialValues?: Partial<Values>;
  /** Why the last send was refused (shown in the dialog once it has sent). */
  refusal?: string;
  onCancel(): void;
  /** The checked values; the caller closes the dialog when done, or passes the refusal back in. */
  onSubmit(values: Values): Promise<unknown>;
  /** The form's items. */
  children: ReactNode;
}

/**
 * The one dialog of a decision or a request: a form checked before it sends, the button busy while
 * it does, and a refusal said inside the dialog (the page's notice is behind the mask).
 */
export function FormDialog<Values>({
  title,
  okText,
  danger,
  intro,
  form: given,
  initialValues,
  refusal,
  onCancel,
  onSubmit,
  children,
}: FormDialogProps<Values>) {
  const t = useT();
  const [own] = Form.useForm<Values>();
  const form = given ?? own;
  const [sending, setSending] = useState(false);
  /** Sent at least once since it opened: a refusal shown now is this dialog's. */
  const [sent, setSent] = useState(false);
  const send = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setSending(true);
    setSent(true);
    try {
      await onSubmit(values);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger }}
      cancelText={t('common.cancel')}
      confirmLoading={sending}
      destroyOnHidden
      onCancel={onCancel}
      onOk={() => void send()}
    >
      <DialogRefusal refusal={refusal} sent={sent} />
      {intro}
      <Form form={form} layout="vertical" preserve={false} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
