import { Result } from 'antd';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/I18nProvider';
import type { LinkProblem } from '../../services/customer-link';

const WORDS: Record<LinkProblem, { title: MessageKey; text: MessageKey }> = {
  missing: { title: 'confirm.problemMissingTitle', text: 'confirm.problemMissingText' },
  expired: { title: 'confirm.problemExpiredTitle', text: 'confirm.problemExpiredText' },
  invalid: { title: 'confirm.problemInvalidTitle', text: 'confirm.problemInvalidText' },
};

/** An expired, forged, replaced or incomplete link: what happened and what to do, never a stack trace. */
export function LinkProblemPage({ problem }: { problem: LinkProblem }) {
  const t = useT();
  return (
    <Result
      status={problem === 'expired' ? 'warning' : 'error'}
      title={<h1 className="confirm-heading">{t(WORDS[problem].title)}</h1>}
      subTitle={t(WORDS[problem].text)}
    />
  );
}
