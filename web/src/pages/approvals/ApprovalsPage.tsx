import { Alert, Button, Card, Flex, Typography } from 'antd';
import { DoneNotice } from '../../components/DoneNotice';
import { PageSpinner } from '../../components/PageSpinner';
import { LiveIndicator } from '../../components/LiveIndicator';
import { useSubjectDialog } from '../../components/use-subject-dialog';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import {
  useAdjustmentDecisions,
  usePendingAdjustments,
  type PendingAdjustment,
} from '../../services/approvals';
import { useRefusalMessage } from '../../services/refusals';
import { AdjustmentCard } from './AdjustmentCard';
import { DecisionModal, type DecisionKind } from './DecisionModal';

const DECISION_TITLES = {
  approve: 'approvals.approveTitle',
  reject: 'approvals.rejectTitle',
  withdraw: 'approvals.withdrawTitle',
} as const;

/** The manager's queue: adjustments waiting for approval, each approved or rejected with a comment. */
export default function ApprovalsPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { rows, loading, error, refetch, hasMore, loadMore, live } = usePendingAdjustments();
  const { approve, reject, withdraw } = useAdjustmentDecisions();
  const dialog = useSubjectDialog<{ adjustment: PendingAdjustment; kind: DecisionKind }>();

  const decide = async (comment: string) => {
    await dialog.run(async ({ adjustment, kind }) => {
      const request = { periodId: adjustment.period.id, adjustmentId: adjustment.id, comment };
      if (kind === 'reject') {
        await reject(request);
        return t('approvals.rejected');
      }
      if (kind === 'withdraw') {
        await withdraw(request);
        return t('approvals.withdrawn');
      }
      const { data } = await approve(request);
      const state = data?.approveAdjustment.adjustments.find((a) => a.id === adjustment.id)?.state;
      return state === 'POSTED' ? t('approvals.approvedPosted') : t('approvals.approved');
    });
    await refetch();
  };

  return (
    <Card>
      <Flex align="center" gap={12}>
        <Typography.Title level={2}>{t('approvals.title')}</Typography.Title>
        <LiveIndicator state={live} />
      </Flex>
      <Typography.Paragraph type="secondary">{t('approvals.intro')}</Typography.Paragraph>
      <DoneNotice done={dialog.done} onClose={() => dialog.setDone(undefined)} />
      {error && <Alert type="error" showIcon title={refusalMessage(error)} style={{ marginBottom: 16 }} />}
      {loading && rows.length === 0 && <PageSpinner />}
      {!loading && !error && rows.length === 0 && (
        <Typography.Paragraph>{t('approvals.empty')}</Typography.Paragraph>
      )}
      <Flex vertical gap={16}>
        {rows.map((adjustment) => (
          <AdjustmentCard
            key={adjustment.id}
            adjustment={adjustment}
            onDecide={(kind) => dialog.open({ adjustment, kind })}
          />
        ))}
      </Flex>
      {hasMore && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void loadMore()} loading={loading}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
      {dialog.subject && (
        <DecisionModal
          kind={dialog.subject.kind}
          title={t(DECISION_TITLES[dialog.subject.kind], {
            amount: `${formatAmount(dialog.subject.adjustment.amount)} ${dialog.subject.adjustment.currency}`,
          })}
          refusal={dialog.refusal}
          onSubmit={decide}
          onCancel={dialog.close}
        />
      )}
    </Card>
  );
}
