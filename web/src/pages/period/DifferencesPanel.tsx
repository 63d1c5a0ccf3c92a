import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Table, Typography } from 'antd';
import { StatusTag } from '../../components/StatusTag';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import { usePeriodDifferences, type PeriodDifference } from '../../services/period';
import { useRefusalMessage } from '../../services/refusals';
import { AdjustmentModal } from './AdjustmentModal';
import { ReasonModal } from '../../components/ReasonModal';
import { REVIEW_NOTE_MAX_CHARS } from '../../services/review-note';
import { useFocusedRow } from './use-focused-row';
import type { PeriodWorkbench } from './use-period-workbench';

type Dialog = { kind: 'timing' | 'ask' | 'adjust'; difference: PeriodDifference } | undefined;

/** The differences of the latest match run; an open one is explained as timing, asked about, or adjusted. */
export function DifferencesPanel({ workbench }: { workbench: PeriodWorkbench }) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { differences, loading, error, refetch } = usePeriodDifferences(workbench.periodId);
  const [dialog, setDialog] = useState<Dialog>();
  const { revision } = workbench;
  useEffect(() => {
    if (revision > 0) void refetch();
  }, [revision, refetch]);
  const period = workbench.detail.period;
  // The difference a task's link names: on its page of the table, marked, scrolled into view (once).
  const focus = useFocusedRow(differences, workbench.focus.id, 'differences-table');
  const canAct = workbench.canReview && workbench.reviewing;
  const close = () => setDialog(undefined);
  const describe = (difference: PeriodDifference) =>
    `${t(`period.kind${difference.kind}`)} · ${formatAmount(difference.amount)} ${period?.currency ?? ''}`;

  return (
    <>
      {error !== undefined && <Alert type="error" showIcon title={refusalMessage(error)} />}
      <Table<PeriodDifference>
        data-testid="differences-table"
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={differences}
        pagination={focus.pagination}
        onRow={focus.onRow}
        locale={{ emptyText: t('period.noDifferences') }}
        columns={[
          {
            title: t('period.colKind'),
            dataIndex: 'kind',
            render: (kind: PeriodDifference['kind']) => t(`period.kind${kind}`),
          },
          {
            // One sign in every document (#19): the difference's effect on our balance, as the bridge adds it.
            title: t('period.colDifference'),
            dataIndex: 'amount',
            align: 'right',
            render: (amount: string) => formatAmount(amount),
          },
          {
            title: t('period.colExplanation'),
            dataIndex: 'explanation',
            render: (text: string) => <Typography.Text>{text}</Typography.Text>,
          },
          {
            title: t('period.colState'),
            dataIndex: 'status',
            render: (status: string) => (
              <StatusTag tone={status === 'OPEN' ? 'error' : 'success'}>
                {status === 'OPEN' ? t('period.differenceOpen') : t('period.differenceSettled')}
              </StatusTag>
            ),
          },
          ...(canAct
            ? [
                {
                  title: t('period.colActions'),
                  key: 'actions',
                  render: (_: unknown, difference: PeriodDifference) =>
                    difference.status === 'OPEN' && (
                      <Flex gap={4} wrap>
                        <Button size="small" onClick={() => setDialog({ kind: 'timing', difference })}>
                          {t('period.markTiming')}
                        </Button>
                        <Button size="small" onClick={() => setDialog({ kind: 'ask', difference })}>
                          {t('period.askCustomer')}
                        </Button>
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => setDialog({ kind: 'adjust', difference })}
                        >
                          {t('period.proposeAdjustment')}
                        </Button>
                      </Flex>
                    ),
                },
              ]
            : []),
        ]}
      />
      {dialog && dialog.kind !== 'adjust' && (
        <ReasonModal
          refusal={workbench.refusal}
          open
          title={dialog.kind === 'timing' ? t('period.markTimingTitle') : t('period.askCustomerTitle')}
          label={dialog.kind === 'timing' ? t('period.markTimingNote') : t('period.askCustomerQuestion')}
          maxLength={REVIEW_NOTE_MAX_CHARS}
          okText={dialog.kind === 'timing' ? t('period.markTiming') : t('period.askCustomerSend')}
          onCancel={close}
          onSubmit={async (text) => {
            const id = dialog.difference.id;
            const done =
              dialog.kind === 'timing'
                ? await workbench.act(() => workbench.actions.markTiming(id, text), 'period.markTimingDone')
                : await workbench.act(
                    () => workbench.actions.askCustomer(id, text),
                    'period.askCustomerDone',
                  );
            if (done) close();
            return done;
          }}
        >
          <Typography.Paragraph>{describe(dialog.difference)}</Typography.Paragraph>
        </ReasonModal>
      )}
      {dialog?.kind === 'adjust' && period && (
        <AdjustmentModal
          refusal={workbench.refusal}
          difference={dialog.difference}
          description={describe(dialog.difference)}
          defaultDate={period.periodEnd}
          onCancel={close}
          onSubmit={async (input) => {
            const done = await workbench.act(
              () => workbench.actions.proposeAdjustment({ ...input, differenceId: dialog.difference.id }),
              'period.adjustmentDone',
            );
            if (done) close();
            return done;
          }}
        />
      )}
    </>
  );
}
