import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatAmount, isZeroAmount } from '../../format/amount';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/I18nProvider';
import { canWithdraw, type PendingAdjustment } from '../../services/approvals';
import type { DecisionKind } from './DecisionModal';

const when = (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm');

function ruleKey(adjustment: PendingAdjustment): MessageKey {
  if (adjustment.requiredApprovals > 1) return 'approvals.ruleTwoManagers';
  return adjustment.requiresManager ? 'approvals.ruleManager' : 'approvals.ruleOne';
}

/** The balance bridge as it is and as it will be once the adjustment posts (the server's gaps). */
function BridgeBeforeAfter({ adjustment }: { adjustment: PendingAdjustment }) {
  const t = useT();
  const { period, currency } = adjustment;
  const money = (value: string | null) => (value === null ? '—' : `${formatAmount(value)} ${currency}`);
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      aria-label={t('approvals.bridge')}
      dataSource={[
        {
          key: 'ours',
          label: t('approvals.bridgeOurs'),
          before: period.ourClosingBalance,
          after: adjustment.ourClosingAfter,
        },
        {
          key: 'theirs',
          label: t('approvals.bridgeTheirs'),
          before: period.theirClosingBalance,
          after: period.theirClosingBalance,
        },
        { key: 'gap', label: t('approvals.gap'), before: adjustment.gapBefore, after: adjustment.gapAfter },
      ]}
      columns={[
        { title: t('approvals.bridge'), dataIndex: 'label' },
        { title: t('approvals.before'), dataIndex: 'before', align: 'right', render: money },
        {
          title: t('approvals.after'),
          dataIndex: 'after',
          align: 'right',
          render: money,
        },
      ]}
    />
  );
}

interface Props {
  adjustment: PendingAdjustment;
  onDecide(kind: DecisionKind): void;
}

/** One adjustment waiting for approval: what, why, who, the evidence, the bridge, the rule, the decision. */
export function AdjustmentCard({ adjustment, onDecide }: Props) {
  const t = useT();
  const { period, difference, myBlock } = adjustment;
  const amount = `${formatAmount(adjustment.amount)} ${adjustment.currency}`;
  const ties = isZeroAmount(adjustment.gapAfter);
  // A disabled button says why through the sentence beside it (read out with the button too).
  const blockId = myBlock ? `approval-block-${adjustment.id}` : undefined;
  const heading = t('approvals.customerPeriod', {
    customer: `${period.customer.code} ${period.customer.name}`,
    period: period.key,
  });
  return (
    <Card
      data-testid={`adjustment-${adjustment.id}`}
      title={
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {heading}
        </Typography.Title>
      }
      extra={<Typography.Text strong>{amount}</Typography.Text>}
    >
      {/* The short facts two by two, the reason and the evidence each on a whole row: beside a long
          reason, the amount, the maker and the date were squeezed to a few characters a line. */}
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('approvals.amount')}>{amount}</Descriptions.Item>
        <Descriptions.Item label={t('approvals.entryDate')}>{adjustment.entryDate}</Descriptions.Item>
        <Descriptions.Item label={t('approvals.maker')}>{adjustment.proposedBy}</Descriptions.Item>
        <Descriptions.Item label={t('approvals.proposedAt')}>{when(adjustment.proposedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('approvals.reason')} span="filled">
          {adjustment.reason}
        </Descriptions.Item>
        <Descriptions.Item label={t('approvals.evidence')} span="filled">
          {difference
            ? t('approvals.differenceText', {
                kind: t(`approvals.kind${difference.kind}`),
                amount: formatAmount(difference.amount),
                explanation: difference.explanation,
              })
            : t('approvals.noDifference')}
        </Descriptions.Item>
      </Descriptions>
      <BridgeBeforeAfter adjustment={adjustment} />
      <Flex gap={8} wrap align="center" style={{ margin: '12px 0' }}>
        {/* The icon carries the colour; the sentence stays dark enough to read (WCAG AA). */}
        <Typography.Text type={ties ? 'success' : 'warning'} aria-hidden>
          {ties ? <CheckCircleFilled /> : <ExclamationCircleFilled />}
        </Typography.Text>
        <Typography.Text strong>
          {ties
            ? t('approvals.ties')
            : t('approvals.stillGap', { amount: formatAmount(adjustment.gapAfter) })}
        </Typography.Text>
        <Tag color={adjustment.requiresManager ? 'purple' : 'default'}>{t(ruleKey(adjustment))}</Tag>
        <Typography.Text>
          {t('approvals.approvalsProgress', {
            done: adjustment.approvals.length,
            required: adjustment.requiredApprovals,
          })}
        </Typography.Text>
      </Flex>
      {adjustment.approvals.map((approval) => (
        <Typography.Paragraph key={`${approval.approverName}-${approval.at}`} type="secondary">
          {t('approvals.approvedBy', { name: approval.approverName, at: when(approval.at) })}
          {approval.comment ? `: ${approval.comment}` : ''}
        </Typography.Paragraph>
      ))}
      <Flex gap={12} wrap align="center">
        <Button
          type="primary"
          disabled={myBlock !== null}
          aria-describedby={blockId}
          onClick={() => onDecide('approve')}
        >
          {t('approvals.approve')}
        </Button>
        <Button
          danger
          disabled={myBlock !== null}
          aria-describedby={blockId}
          onClick={() => onDecide('reject')}
        >
          {t('approvals.reject')}
        </Button>
        {canWithdraw(adjustment) && (
          <Button onClick={() => onDecide('withdraw')}>{t('approvals.withdraw')}</Button>
        )}
        {myBlock && (
          <Typography.Text type="secondary" id={blockId} data-testid="approval-block">
            {t(`approvals.block${myBlock}`)}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
