import { Alert } from 'antd';

/** What the last action did, in a line the user closes (role status: screen readers say it). */
export function DoneNotice({ done, onClose }: { done?: string; onClose(): void }) {
  if (!done) return null;
  return (
    <Alert
      type="success"
      showIcon
      closable
      role="status"
      title={done}
      onClose={onClose}
      style={{ marginBottom: 16 }}
    />
  );
}
