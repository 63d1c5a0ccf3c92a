import { useState } from 'react';
import { Alert, Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { StatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n/I18nProvider';
import { useWebhookActions, useWebhooks, type WebhookRow } from '../../services/admin-webhooks';
import { useRefusalMessage } from '../../services/refusals';
import { NewWebhookModal } from './NewWebhookModal';
import { SecretOnceModal } from './SecretOnceModal';
import { WebhookDeliveries } from './WebhookDeliveries';

type Feedback = { type: 'success' | 'error'; text: string };

/** Admins: webhook endpoints (create with a secret shown once, pause, resume) and their delivery log. */
export default function WebhooksPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { subscriptions, eventTypes, loading, error, refetch } = useWebhooks();
  const actions = useWebhookActions();
  const [creating, setCreating] = useState(false);
  // The signing secret lives only here until its dialog closes.
  const [secret, setSecret] = useState<{ name: string; secret: string }>();
  const [feedback, setFeedback] = useState<Feedback>();
  const [selected, setSelected] = useState<WebhookRow>();

  const setActive = async (subscription: WebhookRow, active: boolean) => {
    setFeedback(undefined);
    try {
      await actions.setActive(subscription.id, active);
      const key = active ? 'adminWebhooks.resumed' : 'adminWebhooks.paused';
      setFeedback({ type: 'success', text: t(key, { name: subscription.name }) });
    } catch (failure) {
      setFeedback({ type: 'error', text: refusalMessage(failure) });
    }
    await refetch();
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={2}>{t('adminWebhooks.title')}</Typography.Title>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('adminWebhooks.create')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary">{t('adminWebhooks.intro')}</Typography.Paragraph>
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
        <Table<WebhookRow>
          rowKey="id"
          loading={loading}
          dataSource={subscriptions}
          pagination={false}
          scroll={{ x: true }}
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
                  <Button onClick={() => setSelected(subscription)}>
                    {t('adminWebhooks.showDeliveries')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
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
