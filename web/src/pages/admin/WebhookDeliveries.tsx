import { useState } from 'react';
import { Alert, Button, Card, Flex, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { StatusTag, type Tone } from '../../components/StatusTag';
import { useT } from '../../i18n/I18nProvider';
import {
  canRedeliver,
  useWebhookActions,
  useWebhookDeliveries,
  type DeliveryRow,
  type WebhookRow,
} from '../../services/admin-webhooks';
import { useRefusalMessage } from '../../services/refusals';

const STATUS_TONES: Record<DeliveryRow['status'], Tone> = {
  PENDING: 'progress',
  DELIVERED: 'success',
  FAILED: 'error',
};

const when = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm:ss') : '—');

/** The delivery log (of one endpoint, or all), newest first; a delivered or failed one can be sent again. */
export function WebhookDeliveries({
  subscription,
  onShowAll,
}: {
  subscription?: WebhookRow;
  onShowAll(): void;
}) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { deliveries, loading, error, hasMore, loadMore } = useWebhookDeliveries(subscription?.id);
  const { redeliver, busy } = useWebhookActions();
  const [feedback, setFeedback] = useState<{ type: 'success' | 'error'; text: string }>();

  const again = async (delivery: DeliveryRow) => {
    setFeedback(undefined);
    try {
      await redeliver(delivery.id);
      setFeedback({ type: 'success', text: t('adminWebhooks.redelivering', { id: delivery.id }) });
    } catch (failure) {
      setFeedback({ type: 'error', text: refusalMessage(failure) });
    }
  };

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2}>
          {subscription
            ? t('adminWebhooks.deliveriesOf', { name: subscription.name })
            : t('adminWebhooks.deliveries')}
        </Typography.Title>
        {subscription && <Button onClick={onShowAll}>{t('adminWebhooks.allDeliveries')}</Button>}
      </Flex>
      {feedback && (
        <Alert
          type={feedback.type}
          showIcon
          closable
          role={feedback.type === 'error' ? 'alert' : 'status'}
          title={feedback.text}
          onClose={() => setFeedback(undefined)}
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={refusalMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<DeliveryRow>
        rowKey="id"
        loading={loading}
        dataSource={deliveries}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('adminWebhooks.noDeliveries') }}
        columns={[
          { title: t('adminWebhooks.deliveryId'), dataIndex: 'id' },
          { title: t('adminWebhooks.eventId'), dataIndex: 'eventId' },
          {
            title: t('adminWebhooks.status'),
            dataIndex: 'status',
            render: (status: DeliveryRow['status']) => (
              <StatusTag tone={STATUS_TONES[status]}>{t(`adminWebhooks.delivery${status}`)}</StatusTag>
            ),
          },
          { title: t('adminWebhooks.attempts'), dataIndex: 'attempts' },
          { title: t('adminWebhooks.createdAt'), dataIndex: 'createdAt', render: when },
          { title: t('adminWebhooks.deliveredAt'), dataIndex: 'deliveredAt', render: when },
          { title: t('adminWebhooks.nextAttemptAt'), dataIndex: 'nextAttemptAt', render: when },
          {
            title: t('adminWebhooks.actions'),
            key: 'actions',
            render: (_, delivery) =>
              canRedeliver(delivery) && (
                <Button disabled={busy} onClick={() => void again(delivery)}>
                  {t('adminWebhooks.redeliver')}
                </Button>
              ),
          },
        ]}
      />
      {hasMore && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void loadMore()} loading={loading}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
