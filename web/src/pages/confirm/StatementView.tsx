import { Checkbox, Descriptions, Flex, Typography } from 'antd';
import { formatAmount } from '../../format/amount';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';
import type { CustomerStatement, CustomerStatementLine } from '../../services/customer-link';

const KINDS = ['INVOICE', 'RECEIPT', 'CREDIT_NOTE', 'DEBIT_NOTE', 'ADJUSTMENT', 'OTHER'] as const;
const kindKey = (kind: string): MessageKey =>
  (KINDS as readonly string[]).includes(kind) ? (`confirm.kind${kind}` as MessageKey) : 'confirm.kindOTHER';

interface Selection {
  selected: ReadonlySet<number>;
  toggle(lineNo: number): void;
}

/** The statement as the PDF prints it: heading, balances (also in words), and every line. */
export function StatementView({
  statement,
  selection,
}: {
  statement: CustomerStatement;
  selection?: Selection;
}) {
  const { t, language } = useI18n();
  const words = language === 'zh-CN' ? statement.closingBalanceInChinese : statement.closingBalanceInEnglish;
  return (
    <section aria-labelledby="statement-heading">
      <Typography.Title level={2} id="statement-heading" className="confirm-subheading">
        {t('confirm.from', { company: statement.companyName, customer: statement.customerName })}
      </Typography.Title>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'no', label: t('confirm.statementNo'), children: statement.statementNo },
          {
            key: 'period',
            label: t('confirm.period'),
            children: `${statement.periodStart} – ${statement.periodEnd}`,
          },
          { key: 'currency', label: t('confirm.currency'), children: statement.currency },
          ...(statement.sentAt
            ? [{ key: 'sent', label: t('confirm.sentOn'), children: statement.sentAt.slice(0, 10) }]
            : []),
          {
            key: 'opening',
            label: t('confirm.openingBalance'),
            children: <span className="confirm-amount">{formatAmount(statement.openingBalance)}</span>,
          },
          {
            key: 'closing',
            label: t('confirm.closingBalance'),
            children: (
              <strong className="confirm-amount" data-testid="closing-balance">
                {formatAmount(statement.closingBalance)}
              </strong>
            ),
          },
          {
            key: 'words',
            label: t('confirm.inWords'),
            children: <span data-testid="closing-words">{words}</span>,
          },
        ]}
      />
      <Typography.Title level={3} className="confirm-subheading">
        {t('confirm.lines')}
      </Typography.Title>
      {statement.lines.length === 0 ? (
        <Typography.Paragraph>{t('confirm.noLines')}</Typography.Paragraph>
      ) : (
        <ol className="confirm-lines" aria-label={t('confirm.lines')}>
          {statement.lines.map((line) => (
            <LineItem key={line.lineNo} line={line} selection={selection} kind={t(kindKey(line.kind))} />
          ))}
        </ol>
      )}
    </section>
  );
}

function LineItem({
  line,
  selection,
  kind,
}: {
  line: CustomerStatementLine;
  selection?: Selection;
  kind: string;
}) {
  const { t } = useI18n();
  const body = (
    <Flex justify="space-between" gap={8} wrap>
      <span>
        <span className="confirm-line-no">{line.lineNo}.</span> {line.date} · {line.docNo} · {kind}
        {line.reference ? ` · ${line.reference}` : ''}
      </span>
      <span className="confirm-amount">
        {formatAmount(line.amount)}
        <Typography.Text type="secondary">
          {' '}
          ({t('confirm.balance')} {formatAmount(line.balance)})
        </Typography.Text>
      </span>
    </Flex>
  );
  return (
    <li className="confirm-line" data-line-no={line.lineNo}>
      {selection ? (
        <Checkbox
          checked={selection.selected.has(line.lineNo)}
          onChange={() => selection.toggle(line.lineNo)}
          aria-label={t('confirm.selectLine', { lineNo: line.lineNo })}
          className="confirm-line-check"
        >
          {body}
        </Checkbox>
      ) : (
        body
      )}
    </li>
  );
}
