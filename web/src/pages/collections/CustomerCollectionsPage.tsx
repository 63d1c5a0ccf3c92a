import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { APP_PATHS } from '../../app/paths';
import { DoneNotice } from '../../components/DoneNotice';
import { PageSpinner } from '../../components/PageSpinner';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import {
  COLLECTORS,
  DISPUTE_DECIDERS,
  formatRatio,
  useCustomerCollections,
  useDunningActions,
} from '../../services/collections';
import { canApplyReceivables } from '../../services/receivables-rules';
import { useRefusalMessage } from '../../services/refusals';
import { useSession } from '../../services/session';
import { DunningStatusTag, RiskClassTag } from './collection-tags';
import { CaseHistory } from './CaseHistory';
import { OpenItemsCard } from './OpenItemsCard';
import { DunningActionModal, type DunningAction } from './DunningActionModal';

/** One customer's collections: how it pays, its running dunning case, and what was done so far. */
export default function CustomerCollectionsPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { code = '' } = useParams();
  const { state } = useSession();
  const role = state.status === 'signedIn' ? state.user.role : undefined;
  const { data, loading, error, refetch } = useCustomerCollections(code);
  const actions = useDunningActions(code);
  const [action, setAction] = useState<DunningAction>();
  const [done, setDone] = useState(false);

  if (loading && !data) return <PageSpinner />;
  const behaviour = data?.paymentBehaviour;
  const live = data?.dunningCases.live ?? null;
  const running = live !== null && live.status !== 'CLOSED';
  const collector = role !== undefined && COLLECTORS.includes(role);

  return (
    <Card>
      <Link to={APP_PATHS.collections}>{t('collections.back')}</Link>
      <Typography.Title level={2}>{t('collections.customerTitle', { code })}</Typography.Title>
      {error && <Alert type="error" showIcon title={refusalMessage(error)} style={{ marginBottom: 16 }} />}
      <DoneNotice done={done ? t('collections.saved') : undefined} onClose={() => setDone(false)} />
      {behaviour && (
        <Descriptions
          title={t('collections.behaviour')}
          bordered
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'open',
              label: t('collections.openReceivables'),
              children: `${formatAmount(behaviour.openReceivables)} ${behaviour.currency}`,
            },
            {
              key: 'overdue',
              label: t('collections.overdue'),
              children: `${formatAmount(behaviour.overdue)} ${behaviour.currency}`,
            },
            { key: 'days', label: t('collections.daysOverdue'), children: behaviour.oldestOverdueDays },
            {
              key: 'class',
              label: t('collections.riskClass'),
              children: <RiskClassTag riskClass={behaviour.riskClass} />,
            },
            {
              key: 'score',
              label: t('collections.score'),
              children: behaviour.score ?? t('collections.noScore'),
            },
            {
              key: 'paid',
              label: t('collections.paidItems'),
              children: `${behaviour.paidItems} (${t('collections.paidLate')} ${behaviour.paidLate})`,
            },
            {
              key: 'late',
              label: t('collections.averageDaysToPay'),
              children: formatRatio(behaviour.averageDaysToPay),
            },
            {
              key: 'share',
              label: t('collections.paidLateShare'),
              children: formatRatio(behaviour.paidLateShare, '%'),
            },
            { key: 'letters', label: t('collections.lettersSent'), children: behaviour.lettersSent },
            {
              key: 'promises',
              label: t('collections.promisesKept'),
              children: t('collections.promisesCount', {
                kept: behaviour.promisesKept,
                broken: behaviour.promisesBroken,
              }),
            },
            { key: 'disputes', label: t('collections.openDisputes'), children: behaviour.openDisputes },
          ]}
        />
      )}
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t('collections.liveTitle')}
      </Typography.Title>
      {!running || !live ? (
        <Typography.Paragraph>{t('collections.noCase')}</Typography.Paragraph>
      ) : (
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <DunningStatusTag status={live.status} />
            <Typography.Text>
              {live.nextLevel !== null && live.nextLevelOn
                ? t('collections.nextLevel', { level: live.nextLevel, date: live.nextLevelOn })
                : t('collections.allLevelsSent')}
            </Typography.Text>
            {live.overdue && (
              <Typography.Text type="secondary">
                {t('collections.overdue')}: {formatAmount(live.overdue)}
              </Typography.Text>
            )}
          </Flex>
          {live.promise && (
            <Typography.Text>
              {t('collections.promise')}:{' '}
              {t('collections.promiseText', {
                amount: live.promise.amount ? formatAmount(live.promise.amount) : t('collections.promiseAll'),
                date: live.promise.promisedDate,
                by: live.promise.recordedBy,
              })}
            </Typography.Text>
          )}
          {live.dispute && (
            <Typography.Text>
              {t('collections.dispute')}:{' '}
              {t('collections.disputeText', { reason: live.dispute.reason, by: live.dispute.openedBy })}
            </Typography.Text>
          )}
          {collector && (
            <Flex gap={8} wrap>
              {live.dispute ? (
                <Button type="primary" onClick={() => setAction('resolve')}>
                  {t('collections.resolveDispute')}
                </Button>
              ) : (
                <>
                  <Button type="primary" onClick={() => setAction('promise')}>
                    {t('collections.recordPromise')}
                  </Button>
                  <Button onClick={() => setAction('dispute')}>{t('collections.openDispute')}</Button>
                </>
              )}
            </Flex>
          )}
        </Flex>
      )}
      <OpenItemsCard customerCode={code} mayApply={role !== undefined && canApplyReceivables(role)} />
      <CaseHistory cases={data?.dunningCases.cases ?? []} />
      {action && (
        <DunningActionModal
          action={action}
          actions={actions}
          mayUphold={role !== undefined && DISPUTE_DECIDERS.includes(role)}
          onDone={() => {
            setAction(undefined);
            setDone(true);
            void refetch();
          }}
          onRefused={() => void refetch()}
          onCancel={() => setAction(undefined)}
        />
      )}
    </Card>
  );
}
