import { useMemo } from 'react';
import { Alert, Button, Flex, Input, Segmented, Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { StatusTag, type Tone } from '../../components/StatusTag';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import { canUnmatch, type LineMatchState, type LineView, type PeriodLine } from '../../services/period';
import { useRefusalMessage } from '../../services/refusals';
import type { SideState } from './use-period-workbench';

const VIEWS: readonly LineView[] = ['ALL', 'UNMATCHED', 'SUGGESTED', 'MATCHED'];
const STATE_TONES: Record<LineMatchState, Tone> = {
  UNMATCHED: 'error',
  SUGGESTED: 'warning',
  MATCHED: 'success',
};
/** Rows of the virtual table's viewport; scrolling this close to the end loads the next page. */
const TABLE_HEIGHT = 420;
const LOAD_AHEAD_PX = 200;

/**
 * One side's lines (ours or theirs): unmatched first, a search, virtual rows so thousands of lines
 * scroll smoothly, a checkbox per line for matching by hand.
 */
export function LinesTable({
  side,
  selectable,
  onUnmatch,
}: {
  side: SideState;
  selectable: boolean;
  /** Offered on matched lines while the clerk may review: undo the line's match group. */
  onUnmatch?(line: PeriodLine): void;
}) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { lines } = side;
  const label = side.side === 'OURS' ? t('period.oursTitle') : t('period.theirsTitle');
  // The same columns and selection settings from one render to the next unless what they show
  // changed: antd's table works its columns and selection out again whenever these objects are new,
  // and a side re-renders on every answer and keystroke of the page.
  const columns = useMemo<TableColumnsType<PeriodLine>>(
    () => [
      { title: t('period.colDate'), dataIndex: 'date', width: 100 },
      {
        title: t('period.colDocument'),
        key: 'doc',
        width: 150,
        ellipsis: true,
        render: (_, line) => line.docNo ?? line.reference ?? '—',
      },
      { title: t('period.colDescription'), dataIndex: 'description', ellipsis: true },
      {
        title: t('period.colAmount'),
        dataIndex: 'amount',
        align: 'right',
        width: 130,
        render: (amount: string) => formatAmount(amount),
      },
      {
        title: t('period.colState'),
        dataIndex: 'matchState',
        width: 90,
        render: (state: LineMatchState) => (
          <StatusTag tone={STATE_TONES[state]}>{t(`period.state${state}`)}</StatusTag>
        ),
      },
      ...(selectable && onUnmatch
        ? [
            {
              title: t('period.colActions'),
              key: 'actions',
              width: 100,
              render: (_: unknown, line: PeriodLine) =>
                canUnmatch(line) ? (
                  <Button
                    size="small"
                    aria-label={t('period.unmatchLine', {
                      line: line.docNo ?? line.reference ?? line.id,
                    })}
                    onClick={() => onUnmatch(line)}
                  >
                    {t('period.unmatch')}
                  </Button>
                ) : null,
            },
          ]
        : []),
    ],
    [t, selectable, onUnmatch],
  );
  const { selection, toggle } = side;
  const rowSelection = useMemo<TableProps<PeriodLine>['rowSelection']>(
    () =>
      selectable
        ? {
            selectedRowKeys: [...selection.keys()],
            preserveSelectedRowKeys: true,
            hideSelectAll: true,
            columnWidth: 40,
            getCheckboxProps: (line) => ({
              disabled: line.matchState === 'MATCHED',
              'aria-label': t('period.selectLine', { line: line.docNo ?? line.reference ?? line.id }),
            }),
            onSelect: (line, selected) => toggle(line, selected),
          }
        : undefined,
    [selectable, selection, toggle, t],
  );
  return (
    <section aria-label={label} data-testid={`lines-${side.side.toLowerCase()}`}>
      <Typography.Title level={4} style={{ fontSize: 15 }}>
        {label}
      </Typography.Title>
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Segmented<LineView>
          aria-label={t('period.viewLabel', { side: label })}
          value={side.view}
          onChange={side.setView}
          options={VIEWS.map((view) => ({ value: view, label: t(`period.view${view}`) }))}
        />
        <Input.Search
          // Keyed by the words: back/forward (the address holds them) shows them again.
          key={side.search}
          allowClear
          aria-label={t('period.searchLabel', { side: label })}
          placeholder={t('period.searchPlaceholder')}
          defaultValue={side.search}
          onSearch={(value) => side.setSearch(value)}
          style={{ maxWidth: 260 }}
        />
      </Flex>
      {lines.error !== undefined && (
        <Alert type="error" showIcon title={refusalMessage(lines.error)} style={{ marginBottom: 8 }} />
      )}
      <Table<PeriodLine>
        virtual
        size="small"
        rowKey="id"
        loading={lines.loading}
        dataSource={lines.rows}
        pagination={false}
        scroll={{ x: selectable && onUnmatch ? 660 : 560, y: TABLE_HEIGHT }}
        locale={{
          emptyText: t(side.search || side.view !== 'ALL' ? 'period.noLinesFiltered' : 'period.noLines'),
        }}
        onScroll={(event) => {
          const target = event.currentTarget;
          if (target.scrollHeight - target.scrollTop - target.clientHeight < LOAD_AHEAD_PX) lines.loadMore();
        }}
        rowSelection={rowSelection}
        columns={columns}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">
          {t('period.linesShown', { count: lines.rows.length })}
        </Typography.Text>
        {lines.hasMore && (
          <Button size="small" onClick={lines.loadMore} loading={lines.loading}>
            {t('common.loadMore')}
          </Button>
        )}
      </Flex>
    </section>
  );
}
