import { Alert } from 'antd';

/**
 * Why the dialog's action was refused, inside the dialog: the page's own notice is behind the
 * dialog's mask, where the user cannot read it. Shown only once the dialog has sent (`sent`),
 * so a notice from before it opened is not taken for its answer.
 */
export function DialogRefusal({ refusal, sent }: { refusal?: string; sent: boolean }) {
  if (!sent || !refusal) return null;
  return <Alert type="warning" role="alert" showIcon title={refusal} style={{ marginBottom: 12 }} />;
}
