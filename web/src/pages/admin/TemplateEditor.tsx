import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, List, Typography } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { parseDefinition, useSaveMappingTemplate } from '../../services/admin-templates';
import { problemsOf, useRefusalHeadline, type FieldProblem } from '../../services/refusals';

export interface TemplateDraft {
  name: string;
  customerCode: string;
  text: string;
}

/** A small valid template to start from: one signed amount column (the CLI's "signed" example). */
const STARTER = `{
  "columns": { "date": "Date", "docNo": "Document", "reference": "Reference", "description": "Description" },
  "amount": { "column": "Amount", "positiveMeans": "INCREASE" },
  "dateFormat": "AUTO"
}`;

type Outcome = { type: 'success'; text: string } | { type: 'error'; text: string; problems: FieldProblem[] };

/** Write a template as JSON and save it; the server validates it and names every problem by its JSON path. */
export function TemplateEditor({ draft }: { draft?: TemplateDraft }) {
  const t = useT();
  const refusalMessage = useRefusalHeadline();
  const { save, saving } = useSaveMappingTemplate();
  const [form] = Form.useForm<TemplateDraft>();
  const [outcome, setOutcome] = useState<Outcome>();

  useEffect(() => {
    if (draft) form.setFieldsValue(draft);
  }, [draft, form]);

  const submit = async (values: TemplateDraft) => {
    setOutcome(undefined);
    const parsed = parseDefinition(values.text);
    if (!parsed.ok) {
      form.setFields([{ name: 'text', errors: [t('adminTemplates.notJson', { detail: parsed.detail })] }]);
      return;
    }
    try {
      const { data } = await save({ ...values, definition: parsed.value });
      const saved = data!.saveMappingTemplate;
      setOutcome({
        type: 'success',
        text: t('adminTemplates.saved', { name: saved.name, version: saved.version }),
      });
    } catch (failure) {
      setOutcome({ type: 'error', text: refusalMessage(failure), problems: problemsOf(failure) });
    }
  };

  return (
    <Card>
      <Typography.Title level={2}>{t('adminTemplates.editorTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('adminTemplates.editorIntro')}</Typography.Paragraph>
      <Form<TemplateDraft>
        form={form}
        layout="vertical"
        initialValues={{ name: '', customerCode: '', text: STARTER }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="name"
          label={t('adminTemplates.name')}
          rules={[{ required: true, whitespace: true, message: t('adminTemplates.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="customerCode" label={t('adminTemplates.customerOptional')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('adminTemplates.definition')}
          rules={[{ required: true, message: t('adminTemplates.definitionRequired') }]}
        >
          {/* rows, not autoSize: autoSize sets inline styles that the page's CSP blocks. */}
          <Input.TextArea rows={14} spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        {outcome && (
          <Alert
            type={outcome.type}
            showIcon
            role={outcome.type === 'error' ? 'alert' : 'status'}
            title={outcome.text}
            style={{ marginBottom: 16 }}
            description={
              outcome.type === 'error' && outcome.problems.length > 0 ? (
                <List
                  size="small"
                  data-testid="template-problems"
                  dataSource={outcome.problems}
                  renderItem={(problem) => (
                    <List.Item>
                      <Typography.Text code>{problem.field}</Typography.Text> {problem.reason}
                    </List.Item>
                  )}
                />
              ) : undefined
            }
          />
        )}
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('adminTemplates.save')}
        </Button>
      </Form>
    </Card>
  );
}
