import { lazy, Suspense } from 'react';
import { Alert, Button, Card, Col, DatePicker, Flex, Row, Space, Statistic, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { PageSpinner } from '../../components/PageSpinner';
import { useI18n } from '../../i18n/I18nProvider';
import { monthReportUrls, useDashboard, type Kpis } from '../../services/dashboard';
import { useRefusalMessage } from '../../services/refusals';
import { MonthTables } from './MonthTables';

// ECharts comes with this chunk only: the dashboard's text and tables show before it loads.
const DashboardCharts = lazy(() => import('./DashboardCharts'));

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

function KpiTiles({ kpis }: { kpis: Kpis }) {
  const { t } = useI18n();
  const tiles = [
    { key: 'periods', title: t('dashboard.kpiPeriods'), value: String(kpis.periods) },
    { key: 'auto', title: t('dashboard.autoMatchRate'), value: percent(kpis.autoMatchRate) },
    { key: 'confirmed', title: t('dashboard.confirmationRate'), value: percent(kpis.confirmationRate) },
    { key: 'disputed', title: t('dashboard.disputeRate'), value: percent(kpis.disputeRate) },
    {
      key: 'days',
      title: t('dashboard.medianDaysToConfirm'),
      value: kpis.medianDaysToConfirm === null ? '—' : kpis.medianDaysToConfirm.toFixed(1),
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {tiles.map((tile) => (
        <Col key={tile.key} xs={12} md={8} xl={4}>
          <Statistic title={tile.title} value={tile.value} />
        </Col>
      ))}
    </Row>
  );
}

function Downloads({ month }: { month: string }) {
  const { t, language } = useI18n();
  const lang = language === 'zh-CN' ? 'zh' : 'en';
  const reports = [
    { key: 'summary', label: t('dashboard.summaryReport') },
    { key: 'kpi', label: t('dashboard.kpiReport') },
    { key: 'aging', label: t('dashboard.agingReport') },
    { key: 'collections', label: t('dashboard.collectionsReport') },
    { key: 'creditReview', label: t('dashboard.creditReviewReport') },
  ] as const;
  return (
    <Flex gap={8} wrap align="center" role="group" aria-label={t('dashboard.downloads')}>
      <Typography.Text strong>{t('dashboard.downloads')}</Typography.Text>
      {(['pdf', 'xlsx'] as const).flatMap((format) => {
        const urls = monthReportUrls(month, format, lang);
        return reports.map((report) => (
          <Button
            key={`${report.key}-${format}`}
            icon={<DownloadOutlined />}
            href={urls[report.key]}
            download
          >
            {`${report.label} ${format.toUpperCase()}`}
          </Button>
        ));
      })}
    </Flex>
  );
}

/** A manager's month at a glance: periods by status, what is stuck, who holds the work, aging and KPIs. */
export default function DashboardPage() {
  const { t } = useI18n();
  const refusalMessage = useRefusalMessage();
  const [params, setParams] = useSearchParams();
  const asked = params.get('month');
  const month = asked && MONTH.test(asked) ? asked : dayjs().format('YYYY-MM');
  const { board, kpis, aging } = useDashboard(month);
  const failure = board.error ?? kpis.error ?? aging.error;

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('dashboard.title')}
        </Typography.Title>
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label={t('dashboard.month')}
          value={dayjs(`${month}-01`)}
          onChange={(value) => value && setParams({ month: value.format('YYYY-MM') })}
        />
      </Flex>
      <Space direction="vertical" size={24} style={{ width: '100%', marginTop: 16 }}>
        <Downloads month={month} />
        {failure && <Alert type="error" showIcon title={refusalMessage(failure)} />}
        {board.loading && !board.data && <PageSpinner />}
        {board.data && (
          <>
            <section aria-label={t('dashboard.periodsByStatus')}>
              <Typography.Title level={3} style={{ fontSize: 16 }}>
                {t('dashboard.periodsByStatus')}
              </Typography.Title>
              {board.data.periodsByStatus.length === 0 ? (
                <Typography.Text>{t('dashboard.noPeriods')}</Typography.Text>
              ) : (
                <Row gutter={[16, 16]}>
                  {board.data.periodsByStatus.map((row) => (
                    <Col key={row.status} xs={12} md={6} xl={3}>
                      <Statistic title={t(`periods.status${row.status}`)} value={row.count} />
                    </Col>
                  ))}
                </Row>
              )}
            </section>
            <MonthTables board={board.data} />
          </>
        )}
        {kpis.data && (
          <section aria-label={t('dashboard.kpis')}>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('dashboard.kpis')}
            </Typography.Title>
            <KpiTiles kpis={kpis.data} />
          </section>
        )}
        {(kpis.data || aging.data) && (
          <Suspense fallback={<Typography.Text>{t('dashboard.chartsLoading')}</Typography.Text>}>
            <DashboardCharts aging={aging.data} kpis={kpis.data} />
          </Suspense>
        )}
      </Space>
    </Card>
  );
}
