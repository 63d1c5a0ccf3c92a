import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Table, Typography } from 'antd';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import { usePeriodSuggestions, type MatchSuggestion } from '../../services/period';
import { useRefusalMessage } from '../../services/refusals';
import { ReasonModal } from './ReasonModal';
import type { PeriodWorkbench } from './use-period-workbench';

/** Matches the engine suggested but did not apply: the clerk accepts or rejects each (with a reason). */
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
  return (
    <>
      {error !== undefined && <Alert type="error" showIcon title={refusalMessage(error)} />}
      <Table<MatchSuggestion>
        data-testid="suggestions-table"
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={suggestions}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('period.noSuggestions') }}
        columns={[
          {
            title: t('period.colLines'),
            key: 'lines',
            render: (_, group) =>
              t('period.suggestionLines', {
                ours: group.ourEntryIds.length,
                theirs: group.theirLineIds.length,
              }),
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
        open={rejecting !== undefined}
        title={t('period.rejectSuggestionTitle')}
        label={t('period.rejectSuggestionReason')}
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
