import { statisticClass, statisticInteger } from '../../components/antd-look';
import { PlainFlex } from '../../components/PlainFlex';
import { useT } from '../../i18n/I18nProvider';
import type { MyTaskCountsQuery } from '../../services/work.generated';

type Counts = MyTaskCountsQuery['myTaskCounts'];

/** How much work there is: totals, then each kind (with how many of it are overdue). */
export function WorkCounts({ counts, hashId }: { counts: Counts | undefined; hashId: string }) {
  const t = useT();
  if (!counts) return null;
  const items = [
    { key: 'total', title: t('work.total'), value: counts.total },
    { key: 'overdue', title: t('work.overdue'), value: counts.overdue },
    { key: 'mine', title: t('work.mine'), value: counts.mine },
    { key: 'unclaimed', title: t('work.unclaimed'), value: counts.unclaimed },
    ...counts.byKind.map((kind) => ({
      key: kind.kind,
      title: t(`work.kind${kind.kind}`),
      value: kind.count,
    })),
  ];
  return (
    <PlainFlex
      hashId={hashId}
      gap={24}
      wrap
      role="group"
      aria-label={t('work.countsLabel')}
      style={{ marginBottom: 16 }}
    >
      {items.map((item) => (
        <div key={item.key} data-testid={`count-${item.key}`}>
          {/* antd's Statistic as plain elements (its look, not its hooks and skeleton, a dozen times). */}
          <div className={statisticClass(hashId)}>
            <div className="ant-statistic-header">
              <div className="ant-statistic-title">{item.title}</div>
            </div>
            <div className="ant-statistic-content">
              <span className="ant-statistic-content-value">
                <span className="ant-statistic-content-value-int">{statisticInteger(item.value)}</span>
              </span>
            </div>
          </div>
        </div>
      ))}
    </PlainFlex>
  );
}
