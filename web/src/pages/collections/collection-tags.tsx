import { StatusTag, type Tone } from '../../components/StatusTag';
import { useT } from '../../i18n/I18nProvider';
import type { DunningCaseStatus, RiskClass } from '../../services/collections';

const CLASS_TONES: Record<RiskClass, Tone> = { A: 'success', B: 'info', C: 'warning', D: 'error' };
const STATUS_TONES: Record<DunningCaseStatus, Tone> = {
  ACTIVE: 'progress',
  PAUSED: 'warning',
  PROMISED: 'special',
  CLOSED: 'neutral',
};

export function RiskClassTag({ riskClass }: { riskClass: RiskClass }) {
  return <StatusTag tone={CLASS_TONES[riskClass]}>{riskClass}</StatusTag>;
}

export function DunningStatusTag({ status }: { status: DunningCaseStatus }) {
  const t = useT();
  return <StatusTag tone={STATUS_TONES[status]}>{t(`collections.status${status}`)}</StatusTag>;
}

/** Handed to a manager. */
export function EscalatedTag() {
  const t = useT();
  return <StatusTag tone="error">{t('collections.escalated')}</StatusTag>;
}
