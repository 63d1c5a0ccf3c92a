import { Tag } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import type { DunningCaseStatus, RiskClass } from '../../services/collections';

const CLASS_COLORS: Record<RiskClass, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
const STATUS_COLORS: Record<DunningCaseStatus, string> = {
  ACTIVE: 'processing',
  PAUSED: 'warning',
  PROMISED: 'cyan',
  CLOSED: 'default',
};

export function RiskClassTag({ riskClass }: { riskClass: RiskClass }) {
  return <Tag color={CLASS_COLORS[riskClass]}>{riskClass}</Tag>;
}

export function DunningStatusTag({ status }: { status: DunningCaseStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]}>{t(`collections.status${status}`)}</Tag>;
}
