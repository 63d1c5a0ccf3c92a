import { useState } from 'react';
import { Alert, Button, Card, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { StatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n/I18nProvider';
import { useApiKeyActions, useApiKeys, type ApiKeyRow } from '../../services/admin-api-keys';
import { useRefusalMessage } from '../../services/refusals';
import { NewApiKeyModal } from './NewApiKeyModal';
import { SecretOnceModal } from './SecretOnceModal';

type Feedback = { type: 'success' | 'error'; text: string };

const when = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm');

/** Admins: integrators' keys (scopes, created, revoked), new keys shown once, revocation. */
export default function ApiKeysPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { keys, scopes, loading, error, refetch } = useApiKeys();
  const { revoke, busy } = useApiKeyActions();
  const [creating, setCreating] = useState(false);
  // The new key lives only in this state until its dialog closes: never cached, never shown again.
  const [secret, setSecret] = useState<{ name: string; key: string }>();
  const [feedback, setFeedback] = useState<Feedback>();

  const revokeKey = async (key: ApiKeyRow) => {
    setFeedback(undefined);
    try {
      await revoke(key.id);
      setFeedback({ type: 'success', text: t('adminKeys.revoked', { name: key.name }) });
    } catch (failure) {
      setFeedback({ type: 'error', text: refusalMessage(failure) });
    }
    await refetch();
  };

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2}>{t('adminKeys.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('adminKeys.create')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary">{t('adminKeys.intro')}</Typography.Paragraph>
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
      <Table<ApiKeyRow>
        rowKey="id"
        loading={loading}
        dataSource={keys}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('adminKeys.name'), dataIndex: 'name' },
          {
            title: t('adminKeys.prefix'),
            dataIndex: 'prefix',
            render: (prefix: string) => <Typography.Text code>{`rk_${prefix}_…`}</Typography.Text>,
          },
          {
            title: t('adminKeys.scopes'),
            dataIndex: 'scopes',
            render: (list: string[]) => (
              <Space size={[0, 4]} wrap>
                {list.map((scope) => (
                  <Tag key={scope}>{scope}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('adminKeys.createdAt'), dataIndex: 'createdAt', render: when },
          {
            title: t('adminKeys.lastUsedAt'),
            dataIndex: 'lastUsedAt',
            render: (at: string | null) => (at ? when(at) : t('adminKeys.neverUsed')),
          },
          {
            title: t('adminKeys.status'),
            dataIndex: 'revokedAt',
            render: (revokedAt: string | null) =>
              revokedAt ? (
                <StatusTag tone="neutral">{t('adminKeys.revokedAt', { at: when(revokedAt) })}</StatusTag>
              ) : (
                <StatusTag tone="success">{t('adminKeys.active')}</StatusTag>
              ),
          },
          {
            title: t('adminKeys.actions'),
            key: 'actions',
            render: (_, key) =>
              !key.revokedAt && (
                <Popconfirm
                  title={t('adminKeys.revokeConfirm', { name: key.name })}
                  okText={t('adminKeys.revoke')}
                  cancelText={t('admin.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => void revokeKey(key)}
                >
                  <Button danger disabled={busy}>
                    {t('adminKeys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating && (
        <NewApiKeyModal
          scopes={scopes}
          onCreated={(created) => {
            setCreating(false);
            setSecret(created);
            setFeedback({ type: 'success', text: t('adminKeys.created', { name: created.name }) });
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {secret && (
        <SecretOnceModal
          title={t('adminKeys.secretTitle', { name: secret.name })}
          secret={secret.key}
          onClose={() => setSecret(undefined)}
        />
      )}
    </Card>
  );
}
