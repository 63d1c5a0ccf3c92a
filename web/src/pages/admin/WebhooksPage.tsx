import { useState } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { StatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n/I18nProvider';
import { useWebhookActions, useWebhooks, type WebhookRow } from '../../services/admin-webhooks';
import { AdminTable, useActionFeedback } from './AdminTable';
import { NewWebhookModal } from './NewWebhookModal';
import { SecretOnceModal } from './SecretOnceModal';
import { WebhookDeliveries } from './WebhookDeliveries';

/** Admins: webhook endpoints (create with a secret shown once, pause, resume) and their delivery log. */
export default function WebhooksPage() {
  const t = useT();
  const { subscriptions, eventTypes, loading, error, refetch } = useWebhooks();
  const actions = useWebhookActions();
  const [creating, setCreating] = useState(false);
  // The signing secret lives only here until its dialog closes.
  const [secret, setSecret] = useState<{ name: string; secret: string }>();
  const { feedback, setFeedback, run } = useActionFeedback(refetch);
  const [selected, setSelected] = useState<WebhookRow>();

  const setActive = (subscription: WebhookRow, active: boolean) =>
    run(
      () => actions.setActive(subscription.id, active),
      t(active ? 'adminWebhooks.resumed' : 'adminWebhooks.paused', { name: subscription.name }),
    );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <AdminTable<WebhookRow>
        title={t('adminWebhooks.title')}
        intro={t('adminWebhooks.intro')}
        create={{ label: t('adminWebhooks.create'), onClick: () => setCreating(true) }}
        feedback={feedback}
        onCloseFeedback={() => setFeedback(undefined)}
        error={error}
        loading={loading}
        locale={{ emptyText: t('adminWebhooks.empty') }}
        dataSource={subscriptions}
        columns={[
          { title: t('adminWebhooks.name'), dataIndex: 'name' },
          {
            title: t('adminWebhooks.url'),
            dataIndex: 'url',
            render: (url: string) => <Typography.Text code>{url}</Typography.Text>,
          },
          {
            title: t('adminWebhooks.eventTypes'),
            dataIndex: 'eventTypes',
            render: (types: string[]) =>
              types.length === 0 ? (
                t('adminWebhooks.allEvents')
              ) : (
                <Space size={[0, 4]} wrap>
                  {types.map((type) => (
                    <Tag key={type}>{type}</Tag>
                  ))}
                </Space>
              ),
          },
          {
            title: t('adminWebhooks.status'),
            dataIndex: 'active',
            render: (active: boolean) =>
              active ? (
                <StatusTag tone="success">{t('adminWebhooks.active')}</StatusTag>
              ) : (
                <StatusTag tone="warning">{t('adminWebhooks.pausedState')}</StatusTag>
              ),
          },
          {
            title: t('adminWebhooks.createdAt'),
            dataIndex: 'createdAt',
            render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: t('adminWebhooks.actions'),
            key: 'actions',
            render: (_, subscription) => (
              <Space>
                <Button
                  disabled={actions.busy}
                  onClick={() => void setActive(subscription, !subscription.active)}
                >
                  {subscription.active ? t('adminWebhooks.pause') : t('adminWebhooks.resume')}
                </Button>
                <Button onClick={() => setSelected(subscription)}>{t('adminWebhooks.showDeliveries')}</Button>
              </Space>
            ),
          },
        ]}
      />
      <WebhookDeliveries subscription={selected} onShowAll={() => setSelected(undefined)} />
      {creating && (
        <NewWebhookModal
          eventTypes={eventTypes}
          onCreated={(created) => {
            setCreating(false);
            setSecret(created);
            setFeedback({ type: 'success', text: t('adminWebhooks.created', { name: created.name }) });
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {secret && (
        <SecretOnceModal
          title={t('adminWebhooks.secretTitle', { name: secret.name })}
          secret={secret.secret}
          onClose={() => setSecret(undefined)}
        />
      )}
    </Space>
  );
}
