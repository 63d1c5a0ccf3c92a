import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Alert, Button, Card, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  presetTagClass,
  smallButtonClass,
  typographyClass,
  type ButtonKind,
} from '../../components/antd-look';
import { LiveIndicator } from '../../components/LiveIndicator';
import { PlainFlex } from '../../components/PlainFlex';
import { PlainTable, type PlainColumn } from '../../components/PlainTable';
import { ReasonModal } from '../../components/ReasonModal';
import { useAntdHashId } from '../../components/use-antd-hash';
import { useT } from '../../i18n/I18nProvider';
import { useRefusalMessage } from '../../services/refusals';
import { taskTitleText } from '../../services/task-title';
import {
  canClaim,
  canComplete,
  canRelease,
  taskPagePath,
  useWork,
  useWorkActions,
  isFilteredChoice,
  workChoiceOf,
  workChoiceParams,
  type TaskKind,
  type WorkChoice,
  type WorkTask,
} from '../../services/work';
import { useFirstScreenRows } from './use-first-screen-rows';
import { useWorkKeys } from './useWorkKeys';
import { WorkCounts } from './WorkCounts';
import { WorkFilters } from './WorkFilters';

// antd's preset tag colours whose text reads at WCAG AA contrast on their background.
const KIND_COLORS: Record<TaskKind, string> = {
  REVIEW_DIFFERENCE: 'geekblue',
  REVIEW_SUGGESTION: 'purple',
  CUSTOMER_DISPUTE: 'magenta',
  // The customer's side, as their disputes.
  REVIEW_CUSTOMER_FILE: 'magenta',
  APPROVE_ADJUSTMENT: 'blue',
  ESCALATION: 'red',
  // Collections: a collector's follow-up, and a manager's escalated case (as the other escalation).
  COLLECTION: 'cyan',
  DUNNING_ESCALATION: 'red',
};

/**
 * The keyboard's row: light enough that its links keep AA contrast, hovered or not. Set as the
 * table's own CSS variables on the row (its cells inherit them), not with a nested ConfigProvider
 * theme: that one worked out and injected a second copy of every design token and of the table's,
 * tags' and buttons' variables on each fresh page (~30 ms of My work's first render in the profile).
 */
const SELECTED_ROW_VARS = {
  '--ant-table-row-selected-bg': '#e6f4ff',
  '--ant-table-row-selected-hover-bg': '#dcefff',
} as CSSProperties;

/**
 * The table's box never scrolls (the div around it does): no scrollbar of its own. On mounting,
 * antd's table measures the scrollbar its box would have (forcing the page's first layout) and, when
 * that is not 0, draws every row a second time with it (~⅓ of the first render in My work's profile).
 */
const TABLE_STYLES = { content: { scrollbarWidth: 'none' } } as const;
const TABLE_WIDTH = { minWidth: 900 } as const;

/** The due cell: the time, and the overdue tag under it. */
const DUE_CELL = { display: 'flex', flexDirection: 'column', gap: 2 } as const;

/** A row's buttons side by side, as antd's `<Flex gap={8} wrap>`. */
const ROW_ACTIONS = { display: 'flex', flexWrap: 'wrap', gap: 8 } as const;

type Feedback = { type: 'success' | 'info' | 'error'; text: string };

/** The clerk's home: counts, filters, the tasks most urgent first, claim next, claim and release, by keyboard too. */
export default function WorkPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const navigate = useNavigate();
  // The filters live in the address: a shared link and back/forward show the same list.
  const [params, setParams] = useSearchParams();
  const choice = useMemo(() => workChoiceOf(params), [params]);
  const setChoice = (next: WorkChoice) => setParams(workChoiceParams(next));
  const work = useWork(choice);
  const actions = useWorkActions();
  const [selectedId, setSelectedId] = useState<string>();
  const [feedback, setFeedback] = useState<Feedback>();
  const [busy, setBusy] = useState(false);
  /** The task being marked done: its dialog asks what was done. */
  const [completing, setCompleting] = useState<WorkTask>();
  /**
   * The dialog is drawn from its first opening on (then kept, for its closing animation): not in
   * the page's first render, where antd's modal and form cost their style and token work unseen.
   */
  const [dialogUsed, setDialogUsed] = useState(false);
  if (completing && !dialogUsed) setDialogUsed(true);

  const { tasks } = work;
  const index = Math.max(
    0,
    tasks.findIndex((task) => task.id === selectedId),
  );
  const selected: WorkTask | undefined = tasks[index];
  const rows = useFirstScreenRows(tasks);
  // The rows' tags and buttons are plain elements in antd's classes (components/antd-look.ts): an
  // antd Tag or Button costs its style and semantic hooks, several per row.
  const hashId = useAntdHashId();
  const tag = (color: string, text: string) => <span className={presetTagClass(hashId, color)}>{text}</span>;
  const rowButton = (kind: ButtonKind, text: string, onClick: () => void) => (
    <button type="button" className={smallButtonClass(hashId, kind)} disabled={busy} onClick={onClick}>
      <span>{text}</span>
    </button>
  );

  // The row the keys or a click chose stays in view (also after the list is read again). Not the
  // first row on its own: scrolling to it on opening forced a layout of the page before its first
  // paint, and pulled a clerk who scrolled with the mouse back up at each live update.
  useEffect(() => {
    if (selected && selected.id === selectedId)
      document.querySelector(`[data-row-key="${selected.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected, selectedId]);

  /** Runs an action on the server, says how it went, and reads the list again either way. */
  async function act(run: Parameters<typeof work.act<Feedback | undefined>>[0]) {
    if (busy) return;
    setBusy(true);
    try {
      setFeedback(await work.act(run));
    } catch (error) {
      setFeedback({ type: 'error', text: refusalMessage(error, { WRONG_STATE: 'work.claimLost' }) });
    } finally {
      setBusy(false);
    }
  }

  const claimNext = () =>
    act(async (expect) => {
      const task = await actions.claimNext(work.filter);
      if (!task) return { type: 'info', text: t('work.nothingToClaim') };
      expect('task.claimed', task.id);
      setSelectedId(task.id);
      return { type: 'success', text: t('work.claimed', { title: taskTitleText(task, t) }) };
    });
  const claim = (task: WorkTask | undefined) =>
    task &&
    canClaim(task) &&
    act(async (expect) => {
      expect('task.claimed', task.id);
      const claimed = await actions.claim(task.id);
      return { type: 'success', text: t('work.claimed', { title: taskTitleText(claimed ?? task, t) }) };
    });
  const release = (task: WorkTask | undefined) =>
    task &&
    canRelease(task) &&
    act(async (expect) => {
      expect('task.released', task.id);
      await actions.release(task.id);
      return { type: 'success', text: t('work.released', { title: taskTitleText(task, t) }) };
    });

  /** Marks my claimed task done with what was done; false (dialog stays, text kept) when refused. */
  async function complete(task: WorkTask, outcome: string): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    setFeedback(undefined);
    try {
      await work.act(async (expect) => {
        await actions.complete(task.id, outcome);
        expect('task.completed', task.id);
      });
      setFeedback({ type: 'success', text: t('work.completed', { title: taskTitleText(task, t) }) });
      setCompleting(undefined);
      return true;
    } catch (error) {
      setFeedback({ type: 'error', text: refusalMessage(error) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  useWorkKeys({
    next: () => tasks.length && setSelectedId(tasks[Math.min(index + 1, tasks.length - 1)].id),
    previous: () => tasks.length && setSelectedId(tasks[Math.max(index - 1, 0)].id),
    open: () => selected && void navigate(taskPagePath(selected)),
    claim: () => void claim(selected),
    claimNext: () => void claimNext(),
    release: () => void release(selected),
  });

  const listError = work.error && refusalMessage(work.error, { NOT_FOUND: 'work.customerNotFound' });

  const columns: Array<PlainColumn<WorkTask>> = [
    {
      title: t('work.columnDue'),
      key: 'due',
      width: 170,
      render: (task) => (
        // Plain elements in the rows' cells: each antd component costs its style hooks, 50 times.
        <div style={DUE_CELL}>
          <span>{dayjs(task.dueAt).format('YYYY-MM-DD HH:mm')}</span>
          {task.overdue && <span>{tag('red', t('work.overdueTag'))}</span>}
        </div>
      ),
    },
    {
      title: t('work.columnKind'),
      key: 'kind',
      // A short cell (a tag, "2026-10", "Unclaimed") on one line: a narrow column broke 待认领 into three.
      oneLine: true,
      render: (task) => tag(KIND_COLORS[task.kind], t(`work.kind${task.kind}`)),
    },
    {
      title: t('work.columnTask'),
      key: 'title',
      render: (task) => <Link to={taskPagePath(task)}>{taskTitleText(task, t)}</Link>,
    },
    {
      title: t('work.columnCustomer'),
      key: 'customer',
      render: (task) => `${task.customer.code} ${task.customer.name}`,
    },
    {
      title: t('work.columnPeriod'),
      key: 'period',
      oneLine: true,
      // A dunning case's task answers to no period.
      render: (task) => task.period?.key ?? t('work.noPeriod'),
    },
    {
      title: t('work.columnState'),
      key: 'state',
      oneLine: true,
      render: (task) =>
        task.mine ? t('work.stateMine') : canClaim(task) ? t('work.stateOpen') : t('work.stateTaken'),
    },
    {
      title: t('work.columnActions'),
      key: 'actions',
      render: (task) =>
        canRelease(task) ? (
          <div style={ROW_ACTIONS}>
            {canComplete(task) && rowButton('primary', t('work.complete'), () => setCompleting(task))}
            {rowButton('default', t('work.release'), () => void release(task))}
          </div>
        ) : canClaim(task) ? (
          rowButton('default', t('work.claim'), () => void claim(task))
        ) : null,
    },
  ];

  return (
    <Card>
      {/* The page's boxes and words as plain elements in antd's classes (Flex, Typography). */}
      <PlainFlex hashId={hashId} justify="space-between" align="center" wrap gap={12}>
        <PlainFlex hashId={hashId} align="center" gap={12}>
          <h2 className={typographyClass(hashId)}>{t('work.title')}</h2>
          <LiveIndicator state={work.live} />
        </PlainFlex>
        <Button type="primary" loading={busy} onClick={() => void claimNext()}>
          {t('work.claimNext')}
        </Button>
      </PlainFlex>
      <WorkCounts counts={work.counts} hashId={hashId} />
      <WorkFilters choice={choice} onChange={setChoice} hashId={hashId} />
      <div className={typographyClass(hashId, 'secondary')}>{t('work.keys')}</div>
      {feedback && (
        <Alert
          type={feedback.type}
          showIcon
          closable
          title={feedback.text}
          onClose={() => setFeedback(undefined)}
          style={{ marginBottom: 16 }}
        />
      )}
      {listError && <Alert type="error" showIcon title={listError} style={{ marginBottom: 16 }} />}
      {/* A narrow window scrolls the list sideways. Not antd's scroll.x: that measures every column
          after the first paint and draws all the rows again with the widths it read. */}
      <div style={{ overflowX: 'auto' }}>
        {rows.length ? (
          <PlainTable<WorkTask>
            style={TABLE_WIDTH}
            rows={rows}
            rowKey={(task) => task.id}
            columns={columns}
            ariaLabel={t('work.tableLabel')}
            // antd's own "selected row" look marks the keyboard's place.
            selectedKey={selected?.id}
            selectedStyle={SELECTED_ROW_VARS}
            onRowClick={(task) => setSelectedId(task.id)}
          />
        ) : (
          // No rows: antd's table says why (loading, or nothing to do).
          <Table<WorkTask>
            style={TABLE_WIDTH}
            styles={TABLE_STYLES}
            rowKey="id"
            size="middle"
            aria-label={t('work.tableLabel')}
            loading={work.loading}
            dataSource={[]}
            pagination={false}
            locale={{ emptyText: t(isFilteredChoice(choice) ? 'work.emptyFiltered' : 'work.empty') }}
            columns={columns.map(({ key, title, width }) => ({ key, title, width }))}
          />
        )}
      </div>
      {work.hasMore && (
        <PlainFlex hashId={hashId} justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void work.loadMore()} loading={work.loading}>
            {t('common.loadMore')}
          </Button>
        </PlainFlex>
      )}
      {dialogUsed && (
        <ReasonModal
          open={!!completing}
          title={completing ? t('work.completeTitle', { title: taskTitleText(completing, t) }) : ''}
          label={t('work.completeOutcome')}
          okText={t('work.completeConfirm')}
          refusal={feedback?.type === 'error' ? feedback.text : undefined}
          onCancel={() => setCompleting(undefined)}
          onSubmit={(outcome) => (completing ? complete(completing, outcome) : Promise.resolve(false))}
        >
          <Typography.Paragraph>{t('work.completeExplained')}</Typography.Paragraph>
        </ReasonModal>
      )}
    </Card>
  );
}
