import { Button, Flex } from 'antd';
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
import { AdminTable, useActionFeedback } from './AdminTable';

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
  const { deliveries, loading, error, hasMore, loadMore } = useWebhookDeliveries(subscription?.id);
  const { redeliver, busy } = useWebhookActions();
  const { feedback, setFeedback, run } = useActionFeedback();
  const again = (delivery: DeliveryRow) =>
    run(() => redeliver(delivery.id), t('adminWebhooks.redelivering', { id: delivery.id }));

  return (
    <AdminTable<DeliveryRow>
      title={
        subscription
          ? t('adminWebhooks.deliveriesOf', { name: subscription.name })
          : t('adminWebhooks.deliveries')
      }
      extra={subscription && <Button onClick={onShowAll}>{t('adminWebhooks.allDeliveries')}</Button>}
      feedback={feedback}
      onCloseFeedback={() => setFeedback(undefined)}
      error={error}
      loading={loading}
      dataSource={deliveries}
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
      footer={
        hasMore && (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button onClick={() => void loadMore()} loading={loading}>
              {t('common.loadMore')}
            </Button>
          </Flex>
        )
      }
    />
  );
}
