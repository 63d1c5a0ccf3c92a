import { Col, Row, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import type { MonthDashboardQuery } from '../../services/dashboard.generated';

type Board = MonthDashboardQuery['dashboard'];

const when = (value: string) => dayjs(value).format('YYYY-MM-DD');
const customerOf = (row: { customer: { code: string; name: string } }) =>
  `${row.customer.code} ${row.customer.name}`;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {title}
      </Typography.Title>
      {children}
    </>
  );
}

/** The month's lists: bridges not tied, statements waiting for the customer, the clerks' open tasks. */
export function MonthTables({ board }: { board: Board }) {
  const t = useT();
  return (
    <Row gutter={[16, 24]}>
      <Col xs={24} xl={12}>
        <Section title={t('dashboard.untied')}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={board.untiedPeriods}
            locale={{ emptyText: t('dashboard.untiedNone') }}
            columns={[
              { title: t('dashboard.customer'), key: 'customer', render: (_, row) => customerOf(row) },
              { title: t('dashboard.period'), dataIndex: 'key' },
              {
                title: t('dashboard.status'),
                dataIndex: 'status',
                render: (status: Board['untiedPeriods'][number]['status']) => t(`periods.status${status}`),
              },
              {
                title: t('dashboard.unexplained'),
                key: 'unexplained',
                align: 'right',
                render: (_, row) => `${formatAmount(row.unexplainedAmount)} ${row.currency}`,
              },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <Section title={t('dashboard.workloads')}>
          <Table
            size="small"
            rowKey={(row) => row.name ?? ''}
            pagination={false}
            dataSource={board.workloads}
            locale={{ emptyText: t('dashboard.workloadsNone') }}
            columns={[
              {
                title: t('dashboard.person'),
                dataIndex: 'name',
                render: (name: string | null) => name ?? t('dashboard.unclaimed'),
              },
              { title: t('dashboard.open'), dataIndex: 'open', align: 'right' },
              { title: t('dashboard.overdue'), dataIndex: 'overdue', align: 'right' },
            ]}
          />
        </Section>
      </Col>
      <Col xs={24}>
        <Section title={t('dashboard.unanswered')}>
          <Table
            size="small"
            rowKey={(row) => row.period.id}
            pagination={false}
            dataSource={board.unansweredStatements}
            locale={{ emptyText: t('dashboard.unansweredNone') }}
            columns={[
              { title: t('dashboard.customer'), key: 'customer', render: (_, row) => customerOf(row.period) },
              { title: t('dashboard.period'), key: 'period', render: (_, row) => row.period.key },
              { title: t('dashboard.sentAt'), dataIndex: 'sentAt', render: when },
              { title: t('dashboard.daysWaiting'), dataIndex: 'daysWaiting', align: 'right' },
              { title: t('dashboard.reminders'), dataIndex: 'remindersSent', align: 'right' },
              {
                title: t('dashboard.escalated'),
                dataIndex: 'escalatedAt',
                render: (at: string | null) =>
                  at ? (
                    <Tag color="purple">{t('dashboard.escalatedAt', { at: when(at) })}</Tag>
                  ) : (
                    t('dashboard.notEscalated')
                  ),
              },
            ]}
          />
        </Section>
      </Col>
    </Row>
  );
}
