import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import { usePeriodSuggestions, type MatchSuggestion } from '../../services/period';
import { useRefusalMessage } from '../../services/refusals';
import { useSuggestionLines, type SuggestionLine } from '../../services/suggestion-lines';
import { ReasonModal } from '../../components/ReasonModal';
import { REVIEW_NOTE_MAX_CHARS } from '../../services/review-note';
import { PANEL_PAGE_SIZE, useFocusedRow } from './use-focused-row';
import type { PeriodWorkbench } from './use-period-workbench';

/** A line as the suggestion names it: its document number (or reference) and amount. */
const lineLabel = (line: SuggestionLine | undefined) =>
  line ? `${line.docNo ?? line.reference ?? '—'} ${formatAmount(line.amount)}` : '…';

/**
 * Matches the engine suggested but did not apply: the clerk accepts or rejects each (with a reason).
 * Each names its lines on both sides; `?suggestion=<id>` (a task's link) marks that one, in view.
 */
export function SuggestionsPanel({ workbench }: { workbench: PeriodWorkbench }) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { suggestions, loading, error, refetch } = usePeriodSuggestions(workbench.periodId);
  const [rejecting, setRejecting] = useState<MatchSuggestion>();
  const [accepting, setAccepting] = useState<string>();
  const { revision } = workbench;
  useEffect(() => {
    if (revision > 0) void refetch();
  }, [revision, refetch]);
  const canAct = workbench.canReview && workbench.reviewing;

  // The suggestion a task's link names: on its page of the table, marked, scrolled into view (once).
  const [params] = useSearchParams();
  const focusId = params.get('suggestion') ?? undefined;
  const { page, ...focus } = useFocusedRow(suggestions, focusId, 'suggestions-table');
  const onScreen = suggestions.slice((page - 1) * PANEL_PAGE_SIZE, page * PANEL_PAGE_SIZE);
  const lines = useSuggestionLines(
    workbench.periodId,
    onScreen.flatMap((group) => group.ourEntryIds),
    onScreen.flatMap((group) => group.theirLineIds),
  );
  return (
    <>
      {error !== undefined && <Alert type="error" showIcon title={refusalMessage(error)} />}
      <Table<MatchSuggestion>
        data-testid="suggestions-table"
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={suggestions}
        pagination={focus.pagination}
        onRow={focus.onRow}
        locale={{ emptyText: t('period.noSuggestions') }}
        columns={[
          {
            title: t('period.colLines'),
            key: 'lines',
            render: (_, group) => (
              <>
                <div>
                  {t('period.suggestionLines', {
                    ours: group.ourEntryIds.length,
                    theirs: group.theirLineIds.length,
                  })}
                </div>
                <Typography.Text type="secondary" data-testid="suggestion-members">
                  {group.ourEntryIds.map((id) => lineLabel(lines.get(id))).join(', ')} ↔{' '}
                  {group.theirLineIds.map((id) => lineLabel(lines.get(id))).join(', ')}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t('period.colConfidence'),
            dataIndex: 'confidence',
            align: 'right',
            render: (confidence: number) => `${Math.round(confidence * 100)}%`,
          },
          {
            title: t('period.colResidual'),
            dataIndex: 'residual',
            align: 'right',
            render: (residual: string) => formatAmount(residual),
          },
          {
            title: t('period.colEvidence'),
            dataIndex: 'evidence',
            render: (evidence: string) => <Typography.Text>{evidence}</Typography.Text>,
          },
          ...(canAct
            ? [
                {
                  title: t('period.colActions'),
                  key: 'actions',
                  render: (_: unknown, group: MatchSuggestion) => (
                    <Flex gap={4}>
                      <Button
                        size="small"
                        type="primary"
                        loading={accepting === group.id}
                        onClick={() =>
                          void (async () => {
                            setAccepting(group.id);
                            try {
                              await workbench.act(
                                () => workbench.actions.acceptSuggestion(group.id),
                                'period.suggestionAccepted',
                              );
                            } finally {
                              setAccepting(undefined);
                            }
                          })()
                        }
                      >
                        {t('period.acceptSuggestion')}
                      </Button>
                      <Button size="small" onClick={() => setRejecting(group)}>
                        {t('period.rejectSuggestion')}
                      </Button>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ReasonModal
        refusal={workbench.refusal}
        open={rejecting !== undefined}
        title={t('period.rejectSuggestionTitle')}
        label={t('period.rejectSuggestionReason')}
        maxLength={REVIEW_NOTE_MAX_CHARS}
        okText={t('period.rejectSuggestion')}
        onCancel={() => setRejecting(undefined)}
        onSubmit={async (reason) => {
          const id = rejecting!.id;
          const done = await workbench.act(
            () => workbench.actions.rejectSuggestion(id, reason),
            'period.suggestionRejected',
          );
          if (done) setRejecting(undefined);
          return done;
        }}
      />
    </>
  );
}
