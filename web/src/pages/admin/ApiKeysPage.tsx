import { useState } from 'react';
import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { StatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n/I18nProvider';
import { useApiKeyActions, useApiKeys, type ApiKeyRow } from '../../services/admin-api-keys';
import { AdminTable, useActionFeedback } from './AdminTable';
import { NewApiKeyModal } from './NewApiKeyModal';
import { SecretOnceModal } from './SecretOnceModal';

const when = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm');

/** Admins: integrators' keys (scopes, created, revoked), new keys shown once, revocation. */
export default function ApiKeysPage() {
  const t = useT();
  const { keys, scopes, loading, error, refetch } = useApiKeys();
  const { revoke, busy } = useApiKeyActions();
  const [creating, setCreating] = useState(false);
  // The new key lives only in this state until its dialog closes: never cached, never shown again.
  const [secret, setSecret] = useState<{ name: string; key: string }>();
  const { feedback, setFeedback, run } = useActionFeedback(refetch);
  const revokeKey = (key: ApiKeyRow) => run(() => revoke(key.id), t('adminKeys.revoked', { name: key.name }));

  return (
    <>
      <AdminTable<ApiKeyRow>
        title={t('adminKeys.title')}
        intro={t('adminKeys.intro')}
        create={{ label: t('adminKeys.create'), onClick: () => setCreating(true) }}
        feedback={feedback}
        onCloseFeedback={() => setFeedback(undefined)}
        error={error}
        loading={loading}
        locale={{ emptyText: t('adminKeys.empty') }}
        dataSource={keys}
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
    </>
  );
}
