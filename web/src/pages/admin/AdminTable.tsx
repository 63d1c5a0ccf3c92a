import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Flex, Table, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useRefusalMessage, type RefusalOverrides } from '../../services/refusals';

export type Feedback = { type: 'success' | 'info' | 'error'; text: string };

/** What the last action did: a status, or an alert when it was refused; closable. */
export function FeedbackAlert({ feedback, onClose }: { feedback?: Feedback; onClose(): void }) {
  if (!feedback) return null;
  return (
    <Alert
      type={feedback.type}
      showIcon
      closable
      role={feedback.type === 'error' ? 'alert' : 'status'}
      title={feedback.text}
      onClose={onClose}
      style={{ marginBottom: 16 }}
    />
  );
}

/**
 * What an admin list says about the last action: `run` clears it, runs the action, says `done`
 * or the server's refusal (overrides name the words for a code), and reads the list again either
 * way when it is given `refetch`.
 */
export function useActionFeedback(refetch?: () => Promise<unknown>) {
  const refusalMessage = useRefusalMessage();
  const [feedback, setFeedback] = useState<Feedback>();
  const run = async (action: () => Promise<unknown>, done: string, overrides?: RefusalOverrides) => {
    setFeedback(undefined);
    try {
      await action();
      setFeedback({ type: 'success', text: done });
    } catch (failure) {
      setFeedback({ type: 'error', text: refusalMessage(failure, overrides) });
    }
    await refetch?.();
  };
  return { feedback, setFeedback, run };
}

interface Props<Row> extends Pick<TableProps<Row>, 'columns' | 'dataSource' | 'loading' | 'locale'> {
  title: ReactNode;
  intro?: ReactNode;
  /** The primary "new …" button, when the list creates rows. */
  create?: { label: string; onClick(): void };
  /** Other buttons beside the title. */
  extra?: ReactNode;
  feedback?: Feedback;
  onCloseFeedback(): void;
  /** Reading the list failed: the refusal's words above it. */
  error?: unknown;
  /** Below the table (e.g. "load more"). */
  footer?: ReactNode;
}

/**
 * An admin list: its title with the create button, a sentence on what it is, what the last action
 * did (a status, or an alert when refused), then every row at once (admin lists are short).
 */
export function AdminTable<Row extends { id: string }>({
  title,
  intro,
  create,
  extra,
  feedback,
  onCloseFeedback,
  error,
  footer,
  ...table
}: Props<Row>) {
  const refusalMessage = useRefusalMessage();
  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2}>{title}</Typography.Title>
        {create && (
          <Button type="primary" icon={<PlusOutlined />} onClick={create.onClick}>
            {create.label}
          </Button>
        )}
        {extra}
      </Flex>
      {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
      <FeedbackAlert feedback={feedback} onClose={onCloseFeedback} />
      {error != null && (
        <Alert type="error" showIcon title={refusalMessage(error)} style={{ marginBottom: 16 }} />
      )}
      <Table<Row> rowKey="id" pagination={false} scroll={{ x: true }} {...table} />
      {footer}
    </Card>
  );
}
