import { useState } from 'react';
import { Alert, Card, Col, Flex, Result, Row, Spin, Tabs, Typography } from 'antd';
import { LiveIndicator } from '../../components/LiveIndicator';
import { StatusTag } from '../../components/StatusTag';
import { useParams, useSearchParams } from 'react-router';
import { useT } from '../../i18n/I18nProvider';
import { isRecordId } from '../../services/ids';
import { useRefusalMessage } from '../../services/refusals';
import { BridgeTable } from './BridgeTable';
import { CardTitle } from './CardTitle';
import { DifferencesPanel } from './DifferencesPanel';
import { LinesWorkbench } from './LinesWorkbench';
import { PeriodActionsBar } from './PeriodActionsBar';
import { PeriodTimeline } from './PeriodTimeline';
import { STATUS_TONES } from '../periods/status-colors';
import { SuggestionsPanel } from './SuggestionsPanel';
import { usePeriodWorkbench } from './use-period-workbench';

/**
 * The clerk's period (/periods/:periodId): where it stands and how it got there, the balance bridge,
 * both sides' lines to match by hand, the differences and suggestions to resolve, the reports.
 */
export default function PeriodPage() {
  const { periodId } = useParams();
  const t = useT();
  // A mistyped address ("/periods/abc") names no period: said at once, nothing asked of the API.
  if (!isRecordId(periodId)) return <Result status="404" title={t('period.notFound')} />;
  return <PeriodWorkbenchPage periodId={periodId} />;
}

function PeriodWorkbenchPage({ periodId }: { periodId: string }) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const workbench = usePeriodWorkbench(periodId);
  const { period, found, error } = workbench.detail;
  // A task's link about a difference (or a suggestion) opens on the differences (or the
  // suggestions), that one marked.
  const [params] = useSearchParams();
  const [tab, setTab] = useState(
    workbench.focus.id ? 'differences' : params.has('suggestion') ? 'suggestions' : 'lines',
  );

  if (found === false) return <Result status="404" title={t('period.notFound')} />;
  if (!period) {
    return error ? (
      <Alert type="error" showIcon title={refusalMessage(error)} />
    ) : (
      <Flex justify="center">
        <Spin aria-label={t('common.loading')} />
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('period.title', {
              customer: `${period.customer.code} ${period.customer.name}`,
              key: period.key,
            })}
          </Typography.Title>
          <Flex align="center" gap={8}>
            <StatusTag tone={STATUS_TONES[period.status]} testId="period-status">
              {t(`periods.status${period.status}`)}
            </StatusTag>
            <LiveIndicator state={workbench.live} />
          </Flex>
        </Flex>
        <PeriodActionsBar workbench={workbench} />
        {workbench.notice && (
          <Alert
            key={workbench.notice.id}
            role="status"
            type={workbench.notice.type}
            showIcon
            closable
            onClose={workbench.clearNotice}
            title={workbench.notice.text}
            style={{ marginTop: 12 }}
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={<CardTitle>{t('period.bridgeTitle')}</CardTitle>}>
            <BridgeTable period={period} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={<CardTitle>{t('period.timelineTitle')}</CardTitle>}>
            <PeriodTimeline steps={period.timeline} />
          </Card>
        </Col>
      </Row>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'lines',
              label: t('period.tabLines'),
              children: <LinesWorkbench workbench={workbench} />,
            },
            {
              key: 'differences',
              label: t('period.tabDifferences'),
              children: <DifferencesPanel workbench={workbench} />,
            },
            {
              key: 'suggestions',
              label: t('period.tabSuggestions'),
              children: <SuggestionsPanel workbench={workbench} />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
