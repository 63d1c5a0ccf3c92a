import { useState } from 'react';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { LiveIndicator } from '../../components/LiveIndicator';
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

interface Deciding {
  adjustment: PendingAdjustment;
  kind: DecisionKind;
  error?: string;
}

/** The manager's queue: adjustments waiting for approval, each approved or rejected with a comment. */
export default function ApprovalsPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { rows, loading, error, refetch, hasMore, loadMore, live } = usePendingAdjustments();
  const { approve, reject, withdraw, deciding } = useAdjustmentDecisions();
  const [open, setOpen] = useState<Deciding>();
  const [done, setDone] = useState<string>();

  const decide = async (comment: string) => {
    if (!open) return;
    setDone(undefined);
    const { adjustment, kind } = open;
    const request = { periodId: adjustment.period.id, adjustmentId: adjustment.id, comment };
    try {
      if (kind === 'approve') {
        const { data } = await approve(request);
        const state = data?.approveAdjustment.adjustments.find((a) => a.id === adjustment.id)?.state;
        setDone(state === 'POSTED' ? t('approvals.approvedPosted') : t('approvals.approved'));
      } else if (kind === 'reject') {
        await reject(request);
        setDone(t('approvals.rejected'));
      } else {
        await withdraw(request);
        setDone(t('approvals.withdrawn'));
      }
      setOpen(undefined);
    } catch (failure) {
      // A refusal (e.g. someone else decided first) keeps the dialog open with the reason.
      setOpen({ ...open, error: refusalMessage(failure) });
    }
    await refetch();
  };

  return (
    <Card>
      <Flex align="center" gap={12}>
        <Typography.Title level={2}>{t('approvals.title')}</Typography.Title>
        <LiveIndicator state={live} />
      </Flex>
      <Typography.Paragraph type="secondary">{t('approvals.intro')}</Typography.Paragraph>
      {done && (
        <Alert
          type="success"
          showIcon
          closable
          role="status"
          title={done}
          onClose={() => setDone(undefined)}
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={refusalMessage(error)} style={{ marginBottom: 16 }} />}
      {!loading && !error && rows.length === 0 && (
        <Typography.Paragraph>{t('approvals.empty')}</Typography.Paragraph>
      )}
      <Flex vertical gap={16}>
        {rows.map((adjustment) => (
          <AdjustmentCard
            key={adjustment.id}
            adjustment={adjustment}
            onDecide={(kind) => setOpen({ adjustment, kind })}
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
      {open && (
        <DecisionModal
          kind={open.kind}
          title={t(DECISION_TITLES[open.kind], {
            amount: `${formatAmount(open.adjustment.amount)} ${open.adjustment.currency}`,
          })}
          busy={deciding}
          error={open.error}
          onSubmit={(comment) => void decide(comment)}
          onCancel={() => setOpen(undefined)}
        />
      )}
    </Card>
  );
}
