import { Descriptions, Result } from 'antd';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import type { CustomerStatement } from '../../services/customer-link';

/** After answering (or opening an answered link again): what was answered, and when. */
export function ReceiptView({ statement }: { statement: CustomerStatement }) {
  const t = useT();
  const answer = statement.answer;
  if (!answer) return null;
  const confirmed = answer.outcome === 'CONFIRMED';
  return (
    <Result
      status="success"
      title={<h1 className="confirm-heading">{t('confirm.receiptTitle')}</h1>}
      subTitle={
        confirmed
          ? t('confirm.receiptConfirmed', {
              amount: formatAmount(statement.closingBalance),
              currency: statement.currency,
            })
          : t('confirm.receiptDisputed', { count: answer.disputedLines.length })
      }
      extra={
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'no', label: t('confirm.statementNo'), children: statement.statementNo },
            {
              key: 'at',
              label: t('confirm.answeredAt'),
              children: answer.respondedAt ? new Date(answer.respondedAt).toLocaleString() : '—',
            },
            ...(confirmed
              ? []
              : [
                  {
                    key: 'lines',
                    label: t('confirm.disputedLines'),
                    children: (
                      <ul className="confirm-receipt-lines">
                        {answer.disputedLines.map((line, index) => (
                          <li key={index}>
                            {line.lineNo ? `${line.lineNo}. ` : ''}
                            {line.comment}
                            {line.theirAmount ? ` (${formatAmount(line.theirAmount)})` : ''}
                          </li>
                        ))}
                      </ul>
                    ),
                  },
                ]),
          ]}
        />
      }
    />
  );
}
