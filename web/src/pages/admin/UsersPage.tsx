import { useState } from 'react';
import { Button, Flex, Popconfirm, Select, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { StatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n/I18nProvider';
import {
  useStaffUserActions,
  useStaffUsers,
  type StaffUser,
  type UserRole,
} from '../../services/admin-users';
import { ROLES } from '../../services/session';
import { AdminTable, useActionFeedback } from './AdminTable';
import { NewUserModal } from './NewUserModal';
import { TwoFactorRolesCard } from './TwoFactorRolesCard';

/**
 * Admins: every staff user, their role, whether they may sign in and whether two-factor sign-in is
 * on (reset for a lost phone); new users; the roles that must use two-factor sign-in.
 */
export default function UsersPage() {
  const t = useT();
  const { users, loading, error, refetch } = useStaffUsers();
  const actions = useStaffUserActions();
  const [creating, setCreating] = useState(false);
  const { feedback, setFeedback, run } = useActionFeedback(refetch);

  /** Runs a change and says how it went; the server's rule: an admin never demotes or deactivates themselves. */
  const change = (action: () => Promise<unknown>, done: string) =>
    run(action, done, { WRONG_STATE: 'adminUsers.notYourself' });

  const selfNote = (user: StaffUser) => (user.isMe ? t('adminUsers.notYourself') : undefined);

  return (
    <>
      <AdminTable<StaffUser>
        title={t('adminUsers.title')}
        intro={t('adminUsers.intro')}
        create={{ label: t('adminUsers.create'), onClick: () => setCreating(true) }}
        feedback={feedback}
        onCloseFeedback={() => setFeedback(undefined)}
        error={error}
        loading={loading}
        dataSource={users}
        columns={[
          { title: t('adminUsers.email'), dataIndex: 'email' },
          {
            title: t('adminUsers.name'),
            dataIndex: 'displayName',
            render: (name: string, user) => (
              <>
                {name}{' '}
                {user.isMe && <Typography.Text type="secondary">{t('adminUsers.you')}</Typography.Text>}
              </>
            ),
          },
          {
            title: t('adminUsers.role'),
            dataIndex: 'role',
            render: (role: UserRole, user) => (
              <Tooltip title={selfNote(user)}>
                <Select<UserRole>
                  value={role}
                  disabled={user.isMe || actions.busy}
                  aria-label={t('adminUsers.roleOf', { email: user.email })}
                  style={{ minWidth: 120 }}
                  options={ROLES.map((value) => ({ value, label: t(`layout.role${value}`) }))}
                  onChange={(next) =>
                    void change(
                      () => actions.changeRole(user.id, next),
                      t('adminUsers.roleChanged', { email: user.email, role: t(`layout.role${next}`) }),
                    )
                  }
                />
              </Tooltip>
            ),
          },
          {
            title: t('adminUsers.status'),
            dataIndex: 'active',
            render: (active: boolean) =>
              active ? (
                <StatusTag tone="success">{t('adminUsers.active')}</StatusTag>
              ) : (
                <StatusTag tone="neutral">{t('adminUsers.inactive')}</StatusTag>
              ),
          },
          {
            title: t('adminUsers.twoFactor'),
            dataIndex: 'twoFactorEnabled',
            render: (enabled: boolean, user) => (
              <Flex gap={8} align="center" wrap>
                {enabled ? (
                  <StatusTag tone="success">{t('adminUsers.twoFactorOn')}</StatusTag>
                ) : (
                  <StatusTag tone="neutral">{t('adminUsers.twoFactorOff')}</StatusTag>
                )}
                {enabled && (
                  <Popconfirm
                    title={t('adminUsers.twoFactorResetConfirm', { email: user.email })}
                    okText={t('adminUsers.twoFactorReset')}
                    cancelText={t('admin.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      void change(
                        () => actions.resetTwoFactor(user.id),
                        t('adminUsers.twoFactorResetDone', { email: user.email }),
                      )
                    }
                  >
                    <Button size="small" disabled={actions.busy}>
                      {t('adminUsers.twoFactorReset')}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
          {
            title: t('adminUsers.createdAt'),
            dataIndex: 'createdAt',
            render: (at: string) => dayjs(at).format('YYYY-MM-DD'),
          },
          {
            title: t('adminUsers.actions'),
            key: 'actions',
            render: (_, user) =>
              user.active ? (
                <Tooltip title={selfNote(user)}>
                  <Popconfirm
                    title={t('adminUsers.deactivateConfirm', { email: user.email })}
                    okText={t('adminUsers.deactivate')}
                    cancelText={t('admin.cancel')}
                    okButtonProps={{ danger: true }}
                    disabled={user.isMe}
                    onConfirm={() =>
                      void change(
                        () => actions.setActive(user.id, false),
                        t('adminUsers.deactivated', { email: user.email }),
                      )
                    }
                  >
                    <Button danger disabled={user.isMe || actions.busy}>
                      {t('adminUsers.deactivate')}
                    </Button>
                  </Popconfirm>
                </Tooltip>
              ) : (
                <Button
                  disabled={actions.busy}
                  onClick={() =>
                    void change(
                      () => actions.setActive(user.id, true),
                      t('adminUsers.reactivated', { email: user.email }),
                    )
                  }
                >
                  {t('adminUsers.reactivate')}
                </Button>
              ),
          },
        ]}
      />
      <TwoFactorRolesCard />
      {creating && (
        <NewUserModal
          onCreated={(email) => {
            setCreating(false);
            setFeedback({ type: 'success', text: t('adminUsers.created', { email }) });
          }}
          onCancel={() => setCreating(false)}
        />
      )}
    </>
  );
}
