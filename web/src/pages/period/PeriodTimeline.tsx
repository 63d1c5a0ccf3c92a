import { Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n/I18nProvider';
import type { PeriodStep } from '../../services/period';
import { ACTOR_WORDS, STEP_WORDS } from './timeline-words';

/** What happened to the period, oldest first, in plain words: when, what, and who. */
export function PeriodTimeline({ steps }: { steps: readonly PeriodStep[] }) {
  const t = useT();
  if (steps.length === 0) return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
  return (
    // Scrolls when long: focusable and named, so keyboard users can scroll it too.
    <div
      role="region"
      aria-label={t('period.timelineTitle')}
      tabIndex={0}
      style={{ maxHeight: 360, overflowY: 'auto', paddingTop: 8 }}
      data-testid="period-timeline"
    >
      <Timeline
        items={steps.map((step, index) => {
          const words = STEP_WORDS[step.action];
          const actorWords = ACTOR_WORDS[step.actorType];
          return {
            key: `${step.at}-${index}`,
            content: (
              <>
                <Typography.Text strong>{words ? t(words) : step.action}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {dayjs(step.at).format('YYYY-MM-DD HH:mm')} · {actorWords ? t(actorWords) : step.actorName}
                </Typography.Text>
              </>
            ),
          };
        })}
      />
    </div>
  );
}
