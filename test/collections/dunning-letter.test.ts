import { buildReport, renderReport } from '../../reports';
import { labelText } from '../../reports/document';
import { REPORT_EXAMPLES } from '../../reports/examples';

/** The 催款函 of each level: its items, its total in figures and in capital numerals, its tone. */
describe('the dunning letter (催款函)', () => {
  const example = REPORT_EXAMPLES.dunning;
  const texts = (tone: 'FRIENDLY' | 'FIRM' | 'FINAL') =>
    JSON.stringify(buildReport('dunning', { ...example, tone })).normalize();

  it('writes the total overdue in capital numerals, as the confirmation letter does', () => {
    const document = buildReport('dunning', example);
    const fields = document.blocks.flatMap((block) => (block.type === 'fields' ? block.fields : []));
    const words = fields.find((field) => field.label.en === 'Total in words');
    expect(words?.value).toBe('人民币壹万伍仟肆佰伍拾陆元柒角捌分');
    const table = document.blocks.find((block) => block.type === 'table');
    expect(table && table.type === 'table' ? table.footer?.at(-1) : null).toBe('15456.78');
    expect(document.fileName).toBe('dunning-L2_C001_2026-02-15');
  });

  it('has a title per tone, in both languages', () => {
    expect(labelText(buildReport('dunning', { ...example, tone: 'FRIENDLY' }).title, 'bilingual')).toBe(
      '付款提醒函 Payment Reminder',
    );
    expect(labelText(buildReport('dunning', example).title, 'zh')).toBe('催款函');
    expect(texts('FINAL')).toContain('最后催款通知');
    expect(texts('FINAL')).toContain('Final Notice');
  });

  it('renders as a PDF in Chinese, English or both', async () => {
    for (const language of ['zh', 'en', 'bilingual'] as const) {
      const pdf = await renderReport('dunning', example, 'pdf', language);
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.fileName).toBe('dunning-L2_C001_2026-02-15.pdf');
    }
  });
});
