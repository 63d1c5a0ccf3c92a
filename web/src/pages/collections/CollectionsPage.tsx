import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Col, Flex, Row, Statistic, Switch, Table, Typography } from 'antd';
import { collectionsCustomerPath } from '../../app/paths';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import {
  formatRatio,
  KPI_READERS,
  useCollectionKpis,
  useCollectorWorklist,
  type WorklistRow,
} from '../../services/collections';
import { useRefusalMessage } from '../../services/refusals';
import { useSession } from '../../services/session';
import { DunningStatusTag, EscalatedTag, RiskClassTag } from './collection-tags';

function KpiTiles() {
  const t = useT();
  const { state } = useSession();
  const allowed = state.status === 'signedIn' && KPI_READERS.includes(state.user.role);
  const { kpis, error } = useCollectionKpis(allowed);
  const refusalMessage = useRefusalMessage();
  if (!allowed) return null;
  if (error) return <Alert type="error" showIcon title={refusalMessage(error)} />;
  if (!kpis) return null;
  const tiles = [
    {
      key: 'dso',
      title: t('collections.dso'),
      value: kpis.dso === null ? '—' : t('collections.days', { days: formatRatio(kpis.dso) }),
    },
    { key: 'cei', title: t('collections.cei'), value: formatRatio(kpis.cei, '%') },
    { key: 'share', title: t('collections.overdueShare'), value: formatRatio(kpis.overdueShare, '%') },
    {
      key: 'kept',
      title: t('collections.promisesKept'),
      value: formatRatio(kpis.promisesKept, '%'),
      hint: t('collections.promisesCount', {
        kept: kpis.promisesKeptCount,
        broken: kpis.promisesBrokenCount,
      }),
    },
  ];
  return (
    <section aria-label={t('collections.kpiTitle', { currency: kpis.currency })}>
      <Typography.Title level={4}>{t('collections.kpiTitle', { currency: kpis.currency })}</Typography.Title>
      <Row gutter={[16, 16]}>
        {tiles.map((tile) => (
          <Col key={tile.key} xs={12} md={6}>
            <Statistic title={tile.title} value={tile.value} />
            {tile.hint && <Typography.Text type="secondary">{tile.hint}</Typography.Text>}
          </Col>
        ))}
      </Row>
    </section>
  );
}

/** The collector's worklist: open dunning cases, most urgent first, each opening its customer. */
export default function CollectionsPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const [escalatedOnly, setEscalatedOnly] = useState(false);
  const { rows, loading, error } = useCollectorWorklist(escalatedOnly);

  const columns = [
    {
      key: 'customer',
      title: t('collections.customer'),
      render: (_: unknown, row: WorklistRow) => (
        <Link to={collectionsCustomerPath(row.customerCode)}>
          {row.customerCode} {row.customerName}
        </Link>
      ),
    },
    {
      key: 'overdue',
      title: t('collections.overdue'),
      align: 'right' as const,
      render: (_: unknown, row: WorklistRow) => `${formatAmount(row.overdue)} ${row.currency}`,
    },
    { key: 'days', dataIndex: 'daysOverdue', title: t('collections.daysOverdue'), align: 'right' as const },
    {
      key: 'class',
      title: t('collections.riskClass'),
      render: (_: unknown, row: WorklistRow) => <RiskClassTag riskClass={row.riskClass} />,
    },
    {
      key: 'level',
      title: t('collections.lastLevel'),
      render: (_: unknown, row: WorklistRow) =>
        row.lastLevel === 0 ? t('collections.levelNone') : t('collections.levelN', { level: row.lastLevel }),
    },
    {
      key: 'status',
      title: t('collections.status'),
      render: (_: unknown, row: WorklistRow) => (
        <Flex gap={4} wrap>
          <DunningStatusTag status={row.status} />
          {row.escalated && <EscalatedTag />}
        </Flex>
      ),
    },
  ];

  return (
    <Card>
      <Typography.Title level={2}>{t('collections.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('collections.intro')}</Typography.Paragraph>
      <Flex vertical gap={24}>
        <KpiTiles />
        <Flex gap={8} align="center">
          <Switch
            id="escalated-only"
            checked={escalatedOnly}
            onChange={setEscalatedOnly}
            aria-label={t('collections.escalatedOnly')}
          />
          <label htmlFor="escalated-only">{t('collections.escalatedOnly')}</label>
        </Flex>
        {error && <Alert type="error" showIcon title={refusalMessage(error)} />}
        <Table<WorklistRow>
          rowKey="caseId"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <Typography.Text>{t('collections.empty')}</Typography.Text> }}
        />
      </Flex>
    </Card>
  );
}
