import { useState } from 'react';
import { Alert, Button, Col, Flex, Row, Statistic, Typography } from 'antd';
import { StatusTag } from '../../components/StatusTag';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import type { PeriodLine } from '../../services/period';
import { LinesTable } from './LinesTable';
import { ReasonModal } from '../../components/ReasonModal';
import { REVIEW_NOTE_MAX_CHARS } from '../../services/review-note';
import type { PeriodWorkbench } from './use-period-workbench';

/** Ours | theirs side by side, and the selection bar: each side's running sum, their difference, match. */
export function LinesWorkbench({ workbench }: { workbench: PeriodWorkbench }) {
  const t = useT();
  const [matching, setMatching] = useState(false);
  const [unmatching, setUnmatching] = useState<PeriodLine>();
  const { ours, theirs, detail } = workbench;
  const currency = detail.period?.currency ?? '';
  const selectable = workbench.canReview && workbench.reviewing;
  const { focus } = workbench;
  return (
    <>
      {focus.difference && (
        <Alert
          type="info"
          showIcon
          data-testid="lines-focus"
          style={{ marginBottom: 12 }}
          title={t('period.focusLines', {
            what: `${t(`period.kind${focus.difference.kind}`)} · ${formatAmount(focus.difference.amount)} ${currency}`,
          })}
          action={
            <Button size="small" onClick={focus.clear}>
              {t('period.focusShowAll')}
            </Button>
          }
        />
      )}
      {focus.missing && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('period.focusMissing')} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={12}>
          <LinesTable side={ours} selectable={selectable} onUnmatch={setUnmatching} />
        </Col>
        <Col xs={24} xxl={12}>
          <LinesTable side={theirs} selectable={selectable} onUnmatch={setUnmatching} />
        </Col>
      </Row>
      {selectable && (
        <section aria-label={t('period.selectionTitle')} data-testid="selection-bar">
          <Flex gap={32} wrap align="center" style={{ marginTop: 16 }}>
            <Statistic
              title={t('period.selectedOurs', { count: ours.selection.size })}
              value={`${formatAmount(ours.sum)} ${currency}`}
            />
            <Statistic
              title={t('period.selectedTheirs', { count: theirs.selection.size })}
              value={`${formatAmount(theirs.sum)} ${currency}`}
            />
            <Statistic
              title={t('period.selectedDifference')}
              value={`${formatAmount(workbench.selectionDifference)} ${currency}`}
            />
            {workbench.selectedCount > 0 &&
              (workbench.selectionBalances ? (
                <StatusTag tone="success">{t('period.selectionBalances')}</StatusTag>
              ) : (
                <StatusTag tone="warning">{t('period.selectionOff')}</StatusTag>
              ))}
            <Flex gap={8}>
              <Button type="primary" disabled={workbench.selectedCount < 2} onClick={() => setMatching(true)}>
                {t('period.matchSelected')}
              </Button>
              <Button
                disabled={workbench.selectedCount === 0}
                onClick={() => {
                  ours.setSelected([]);
                  theirs.setSelected([]);
                }}
              >
                {t('period.clearSelection')}
              </Button>
            </Flex>
          </Flex>
        </section>
      )}
      <ReasonModal
        refusal={workbench.refusal}
        open={matching}
        title={t('period.matchTitle', { ours: ours.selection.size, theirs: theirs.selection.size })}
        label={t('period.matchNote')}
        maxLength={REVIEW_NOTE_MAX_CHARS}
        okText={t('period.matchConfirm')}
        onCancel={() => setMatching(false)}
        onSubmit={async (note) => {
          const done = await workbench.act(
            () =>
              workbench.actions.matchByHand([...ours.selection.keys()], [...theirs.selection.keys()], note),
            'period.matchDone',
            true,
          );
          if (done) setMatching(false);
          return done;
        }}
      />
      <ReasonModal
        refusal={workbench.refusal}
        open={!!unmatching}
        title={t('period.unmatchTitle', {
          line: unmatching ? (unmatching.docNo ?? unmatching.reference ?? unmatching.id) : '',
        })}
        label={t('period.unmatchReason')}
        okText={t('period.unmatchConfirm')}
        onCancel={() => setUnmatching(undefined)}
        onSubmit={async (reason) => {
          const groupId = unmatching?.matchGroupId;
          if (!groupId) return false;
          const done = await workbench.act(
            () => workbench.actions.unmatch(groupId, reason),
            'period.unmatchDone',
          );
          if (done) setUnmatching(undefined);
          return done;
        }}
      >
        <Typography.Paragraph>{t('period.unmatchExplained')}</Typography.Paragraph>
      </ReasonModal>
    </>
  );
}
