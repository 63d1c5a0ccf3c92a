import { useState } from 'react';
import { Button, Typography } from 'antd';
import dayjs from 'dayjs';
import { ReasonModal } from '../../components/ReasonModal';
import { StatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n/I18nProvider';
import { useAdminTasks, useResolveAdminTask, type AdminTaskRow } from '../../services/admin-tasks';
import { AdminTable, useActionFeedback } from './AdminTable';

const when = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm');

/** Admins: work that belongs to no period (a failed backup), open first; resolve one saying what was done. */
export default function AdminTasksPage() {
  const t = useT();
  const { tasks, loading, error, refetch } = useAdminTasks();
  const { resolve, busy } = useResolveAdminTask();
  const { feedback, setFeedback, run } = useActionFeedback(refetch);
  const [resolving, setResolving] = useState<AdminTaskRow>();

  return (
    <>
      <AdminTable<AdminTaskRow>
        title={t('adminTasks.title')}
        intro={t('adminTasks.intro')}
        feedback={feedback}
        onCloseFeedback={() => setFeedback(undefined)}
        error={error}
        loading={loading && tasks.length === 0}
        dataSource={tasks}
        locale={{ emptyText: t('adminTasks.empty') }}
        columns={[
          { title: t('adminTasks.createdAt'), dataIndex: 'createdAt', render: when },
          {
            title: t('adminTasks.task'),
            key: 'task',
            render: (_, task) => (
              <>
                <Typography.Text strong>{task.title}</Typography.Text>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }}>
                  {task.detail}
                </Typography.Paragraph>
              </>
            ),
          },
          {
            title: t('adminTasks.status'),
            key: 'status',
            render: (_, task) =>
              task.status === 'OPEN' ? (
                <StatusTag tone="warning">{t('adminTasks.open')}</StatusTag>
              ) : (
                <StatusTag tone="success">
                  {t('adminTasks.resolvedAt', { at: task.resolvedAt ? when(task.resolvedAt) : '' })}
                </StatusTag>
              ),
          },
          {
            title: t('adminTasks.outcome'),
            dataIndex: 'outcome',
            render: (outcome: string | null) => outcome ?? '',
          },
          {
            title: t('adminTasks.actions'),
            key: 'actions',
            render: (_, task) =>
              task.status === 'OPEN' && (
                <Button disabled={busy} onClick={() => setResolving(task)}>
                  {t('adminTasks.resolve')}
                </Button>
              ),
          },
        ]}
      />
      <ReasonModal
        open={!!resolving}
        title={t('adminTasks.resolveTitle', { title: resolving?.title ?? '' })}
        label={t('adminTasks.resolveOutcome')}
        okText={t('adminTasks.resolve')}
        onCancel={() => setResolving(undefined)}
        onSubmit={async (outcome) => {
          const task = resolving;
          if (!task) return false;
          let done = false;
          await run(
            async () => {
              await resolve(task.id, outcome);
              done = true;
            },
            t('adminTasks.resolved', { title: task.title }),
          );
          // Refused (e.g. resolved meanwhile): the dialog closes too; the list, read again, shows why.
          setResolving(undefined);
          return done;
        }}
      />
    </>
  );
}
