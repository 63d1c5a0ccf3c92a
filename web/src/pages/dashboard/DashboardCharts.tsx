import { useMemo } from 'react';
import { Col, Row, Typography } from 'antd';
import EChart from '../../components/charts/EChart';
import type { ChartOption } from '../../components/charts/echarts';
import { formatAmount } from '../../format/amount';
import { useI18n } from '../../i18n/I18nProvider';
import type { Aging, Kpis } from '../../services/dashboard';

interface Bar {
  name: string;
  /** What the bar's label and tooltip say: an exact amount or a count, as text. */
  text: string;
  /** The bar's height only: a pixel needs no cents, so here alone an amount becomes a number. */
  height: number;
}

function barChart(bars: Bar[]): ChartOption {
  return {
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    // Canvas tooltips (richText): HTML ones carry style attributes that our CSP blocks.
    tooltip: {
      trigger: 'item',
      renderMode: 'richText',
      formatter: (params) => {
        const { dataIndex } = params as { dataIndex: number };
        return `${bars[dataIndex].name}: ${bars[dataIndex].text}`;
      },
    },
    // Every bucket named, however narrow the chart.
    xAxis: {
      type: 'category',
      data: bars.map((bar) => bar.name),
      axisLabel: { interval: 0, hideOverlap: false },
    },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        data: bars.map((bar) => ({
          value: bar.height,
          label: { show: true, position: 'top', formatter: bar.text },
        })),
      },
    ],
  };
}

const spoken = (bars: Bar[]) => bars.map((bar) => `${bar.name} ${bar.text}`).join('; ');

/** The dashboard's charts (its own lazy chunk, with ECharts): receivables aging and open differences by age. */
export default function DashboardCharts({ aging, kpis }: { aging?: Aging; kpis?: Kpis }) {
  const { t, language } = useI18n();
  const agingBars = useMemo<Bar[]>(
    () =>
      (aging?.buckets ?? []).map((bucket, index) => ({
        name: language === 'zh-CN' ? bucket.labelZh : bucket.labelEn,
        text: formatAmount(aging!.totals[index]),
        height: Number(aging!.totals[index]),
      })),
    [aging, language],
  );
  const differenceBars = useMemo<Bar[]>(
    () =>
      (kpis?.openDifferencesByAge ?? []).map((age) => ({
        name: t(`dashboard.age${age.bucket}`),
        text: `${t('dashboard.count', { count: age.count })} · ${formatAmount(age.amount)}`,
        height: age.count,
      })),
    [kpis, t],
  );
  const agingOption = useMemo(() => barChart(agingBars), [agingBars]);
  const differencesOption = useMemo(() => barChart(differenceBars), [differenceBars]);
  return (
    <Row gutter={[16, 16]}>
      {aging && (
        <Col xs={24} lg={12}>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('dashboard.aging', { asOf: aging.asOf })}
          </Typography.Title>
          <EChart
            testId="aging-chart"
            option={agingOption}
            label={t('dashboard.agingChartLabel', { values: spoken(agingBars) })}
          />
        </Col>
      )}
      {kpis && (
        <Col xs={24} lg={12}>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('dashboard.openDifferencesByAge')}
          </Typography.Title>
          <EChart
            testId="differences-chart"
            option={differencesOption}
            label={t('dashboard.differencesChartLabel', { values: spoken(differenceBars) })}
          />
        </Col>
      )}
    </Row>
  );
}
