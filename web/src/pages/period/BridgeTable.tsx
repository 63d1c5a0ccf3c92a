import { Alert, Table } from 'antd';
import { StatusTag } from '../../components/StatusTag';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/catalog';
import { decodeBridge } from '../../services/period-bridge';
import type { PeriodDetail } from '../../services/period';

interface BridgeRow {
  key: string;
  label: string;
  amount: string;
  strong?: boolean;
}

/**
 * The balance bridge (余额调节表): our closing balance, each kind of difference, what that makes
 * their closing balance, what they say it is, and whether it ties to the cent or by how much not.
 */
export function BridgeTable({ period }: { period: PeriodDetail }) {
  const t = useT();
  const bridge = decodeBridge(period.bridge);
  if (!bridge) return <Alert type="info" showIcon title={t('period.bridgeNotYet')} />;
  const currency = period.currency;
  const rows: BridgeRow[] = [
    { key: 'ours', label: t('period.bridgeOurClosing'), amount: bridge.ourClosing, strong: true },
    ...bridge.byKind.map((row) => ({
      key: row.kind,
      label: t('period.bridgeKindLine', {
        kind: t(`period.kind${row.kind}` as MessageKey),
        count: row.count,
      }),
      amount: row.amount,
    })),
    { key: 'computed', label: t('period.bridgeComputed'), amount: bridge.computedTheirClosing },
    { key: 'theirs', label: t('period.bridgeTheirClosing'), amount: bridge.theirClosing, strong: true },
    { key: 'unexplained', label: t('period.bridgeUnexplained'), amount: bridge.unexplained, strong: true },
  ];
  return (
    <>
      <Table<BridgeRow>
        data-testid="bridge-table"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('period.bridgeItem'), dataIndex: 'label' },
          {
            title: t('period.amountIn', { currency }),
            dataIndex: 'amount',
            align: 'right',
            render: (amount: string, row) =>
              row.strong ? <strong>{formatAmount(amount)}</strong> : formatAmount(amount),
          },
        ]}
      />
      <div style={{ marginTop: 12 }} data-testid="bridge-verdict">
        {bridge.tied ? (
          <StatusTag tone="success">{t('period.bridgeTies')}</StatusTag>
        ) : (
          <StatusTag tone="error">
            {t('period.bridgeOffBy', { amount: `${formatAmount(bridge.unexplained)} ${currency}` })}
          </StatusTag>
        )}
      </div>
    </>
  );
}
