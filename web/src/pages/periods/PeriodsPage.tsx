import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, DatePicker, Flex, Select, Table, Typography } from 'antd';
import { LiveIndicator } from '../../components/LiveIndicator';
import { StatusTag } from '../../components/StatusTag';
import type { Dayjs } from 'dayjs';
import { periodPath } from '../../app/paths';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import { PERIOD_STATUSES, usePeriodList, type PeriodStatus } from '../../services/periods';
import { useRefusalMessage } from '../../services/refusals';
import { STATUS_TONES } from './status-colors';

/** Every period, read-only: status, whether the bridge ties, both closing balances. */
export default function PeriodsPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const [status, setStatus] = useState<PeriodStatus>();
  const [month, setMonth] = useState<Dayjs | null>(null);
  const { rows, loading, error, hasMore, loadMore, live } = usePeriodList({
    ...(status ? { status } : {}),
    ...(month
      ? { from: month.startOf('month').format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD') }
      : {}),
  });

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2}>{t('periods.title')}</Typography.Title>
        <LiveIndicator state={live} />
      </Flex>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<PeriodStatus>
          allowClear
          aria-label={t('periods.filterStatus')}
          placeholder={t('periods.filterStatus')}
          style={{ minWidth: 200 }}
          value={status}
          onChange={setStatus}
          options={PERIOD_STATUSES.map((value) => ({ value, label: t(`periods.status${value}`) }))}
        />
        <DatePicker picker="month" aria-label={t('periods.filterMonth')} value={month} onChange={setMonth} />
      </Flex>
      {error && <Alert type="error" showIcon title={refusalMessage(error)} style={{ marginBottom: 16 }} />}
      <Table
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: t(status || month ? 'periods.emptyFiltered' : 'periods.empty') }}
        columns={[
          {
            title: t('periods.customer'),
            key: 'customer',
            render: (_, row) => `${row.customer.code} ${row.customer.name}`,
          },
          {
            title: t('periods.period'),
            dataIndex: 'key',
            render: (key: string, row) => <Link to={periodPath(row.id)}>{key}</Link>,
          },
          {
            title: t('periods.status'),
            dataIndex: 'status',
            render: (value: PeriodStatus) => (
              <StatusTag tone={STATUS_TONES[value]}>{t(`periods.status${value}`)}</StatusTag>
            ),
          },
          {
            title: t('periods.bridgeTied'),
            dataIndex: 'bridgeTied',
            render: (tied: boolean) => (
              <StatusTag tone={tied ? 'success' : 'error'}>
                {tied ? t('periods.tied') : t('periods.notTied')}
              </StatusTag>
            ),
          },
          {
            title: t('periods.ourClosing'),
            key: 'ours',
            align: 'right',
            render: (_, row) => `${formatAmount(row.ourClosingBalance)} ${row.currency}`,
          },
          {
            title: t('periods.theirClosing'),
            key: 'theirs',
            align: 'right',
            render: (_, row) => `${formatAmount(row.theirClosingBalance)} ${row.currency}`,
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
