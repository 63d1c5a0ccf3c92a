import { useRef, useState, type ReactNode } from 'react';
import { Form, Input, Modal } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { DialogRefusal } from './DialogRefusal';

interface ReasonModalProps {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  /** Above the text box: what the action is about. */
  children?: ReactNode;
  /** Why the last send was refused (shown in the dialog once it has sent). */
  refusal?: string;
  /** The most characters the server keeps for this text (1,000 unless told). */
  maxLength?: number;
  onCancel(): void;
  /** Resolves true when done (the modal closes), false when refused (it stays open, text kept). */
  onSubmit(text: string): Promise<boolean>;
}

/**
 * How long an answer may take before the OK button shows that it is sending. A quick answer (most,
 * ~100–200 ms) then changes nothing on screen before its effect: the button's spinner came and went
 * with its own renders and animation, each measuring the page's layout (40–60 ms a time on the
 * period page under load), on the way to showing a hand match.
 */
export const SENDING_SHOWN_AFTER_MS = 300;

/** A modal asking for one required text (a reason, a note, a question) before an action. */
export function ReasonModal({
  open,
  title,
  label,
  okText,
  children,
  refusal,
  maxLength = 1000,
  onCancel,
  onSubmit,
}: ReasonModalProps) {
  const t = useT();
  const [form] = Form.useForm<{ text: string }>();
  const [sending, setSending] = useState(false);
  /** A send under way (shown or not yet): a second OK meanwhile sends nothing. */
  const inFlight = useRef(false);
  /** Sent at least once since it opened: a refusal shown now is this dialog's. */
  const [sent, setSent] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={sending}
      destroyOnHidden
      afterClose={() => setSent(false)}
      onCancel={onCancel}
      onOk={() =>
        void (async () => {
          // A filled-in text is sent at once; only a missing one waits for the form to say so.
          const typed: unknown = form.getFieldValue('text');
          let text: string;
          if (typeof typed === 'string' && typed.trim()) text = typed;
          else {
            try {
              ({ text } = await form.validateFields());
            } catch {
              return; // the form shows what is missing
            }
          }
          if (inFlight.current) return;
          inFlight.current = true;
          const submitted = onSubmit(text.trim());
          setSent(true);
          const shown = setTimeout(() => setSending(true), SENDING_SHOWN_AFTER_MS);
          try {
            if (await submitted) form.resetFields();
          } finally {
            clearTimeout(shown);
            inFlight.current = false;
            setSending(false);
          }
        })()
      }
    >
      <DialogRefusal refusal={refusal} sent={sent} />
      {children}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="text"
          label={label}
          rules={[{ required: true, whitespace: true, message: t('common.textRequired') }]}
        >
          {/* rows, not autoSize: autoSize writes inline styles the CSP refuses. */}
          <Input.TextArea rows={3} maxLength={maxLength} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
