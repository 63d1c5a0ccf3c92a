import { useState } from 'react';
import { Button, Typography } from 'antd';
import { ReasonModal } from '../../components/ReasonModal';
import { useT } from '../../i18n/I18nProvider';
import {
  canCloseByException,
  canRecordCustomerAnswer,
  usePeriodDecisions,
} from '../../services/period-decisions';
import { useSession } from '../../services/session';
import { CustomerAnswerModal } from './CustomerAnswerModal';
import type { PeriodWorkbench } from './use-period-workbench';

/**
 * A manager's buttons on the period: record the customer's answer given by phone or letter (while
 * the period waits for it), and close the period by exception with a reason. Shown to the roles
 * the API lets do them, in the states the workflow accepts; every refusal still shows in words.
 */
export function ManagerDecisions({ workbench }: { workbench: PeriodWorkbench }) {
  const t = useT();
  const { state } = useSession();
  const decisions = usePeriodDecisions(workbench.periodId);
  const [answering, setAnswering] = useState(false);
  const [closing, setClosing] = useState(false);
  const role = state.status === 'signedIn' ? state.user.role : undefined;
  const period = workbench.detail.period;
  const status = period?.status;
  return (
    <>
      {canRecordCustomerAnswer(role, status) && (
        <Button onClick={() => setAnswering(true)}>{t('period.answerRecord')}</Button>
      )}
      {canCloseByException(role, status) && (
        <Button danger onClick={() => setClosing(true)}>
          {t('period.closeByException')}
        </Button>
      )}
      {answering && (
        <CustomerAnswerModal
          refusal={workbench.refusal}
          lines={workbench.ours.lines.rows}
          currency={period?.currency ?? ''}
          onCancel={() => setAnswering(false)}
          onSubmit={async (answer) => {
            const done = await workbench.act(
              () => decisions.recordCustomerAnswer(answer),
              answer.confirmed ? 'period.answerConfirmedDone' : 'period.answerDisputedDone',
            );
            if (done) setAnswering(false);
            return done;
          }}
        />
      )}
      <ReasonModal
        refusal={workbench.refusal}
        open={closing}
        title={t('period.closeByExceptionTitle')}
        label={t('period.closeByExceptionReason')}
        okText={t('period.closeByExceptionConfirm')}
        onCancel={() => setClosing(false)}
        onSubmit={async (reason) => {
          const done = await workbench.act(
            () => decisions.closeByException(reason),
            'period.closeByExceptionDone',
          );
          if (done) setClosing(false);
          return done;
        }}
      >
        <Typography.Paragraph>{t('period.closeByExceptionExplained')}</Typography.Paragraph>
      </ReasonModal>
    </>
  );
}
