import { useState } from 'react';
import { Alert, Button, Card, Input, Modal, Space, Table, Typography } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { definitionText, useMappingTemplates, type MappingTemplateRow } from '../../services/admin-templates';
import { useRefusalMessage } from '../../services/refusals';
import { TemplateEditor, type TemplateDraft } from './TemplateEditor';

/** Clerks, managers and admins (the API's template:write): statement mapping templates (shared and per customer), their definitions, new versions. */
export default function TemplatesPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const [customerCode, setCustomerCode] = useState('');
  const { templates, loading, error } = useMappingTemplates(customerCode);
  const [viewing, setViewing] = useState<MappingTemplateRow>();
  const [draft, setDraft] = useState<TemplateDraft>();

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={2}>{t('adminTemplates.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('adminTemplates.intro')}</Typography.Paragraph>
        <Input.Search
          allowClear
          aria-label={t('adminTemplates.customerFilter')}
          placeholder={t('adminTemplates.customerFilter')}
          onSearch={setCustomerCode}
          style={{ maxWidth: 360, marginBottom: 16 }}
        />
        {error && <Alert type="error" showIcon title={refusalMessage(error)} style={{ marginBottom: 16 }} />}
        <Table<MappingTemplateRow>
          rowKey="id"
          loading={loading}
          locale={{ emptyText: t('adminTemplates.empty') }}
          dataSource={templates}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('adminTemplates.name'), dataIndex: 'name' },
            {
              title: t('adminTemplates.customer'),
              dataIndex: 'customerCode',
              render: (code: string | null) => code ?? t('adminTemplates.shared'),
            },
            { title: t('adminTemplates.version'), dataIndex: 'version' },
            {
              title: t('adminTemplates.actions'),
              key: 'actions',
              render: (_, template) => (
                <Space>
                  <Button onClick={() => setViewing(template)}>{t('adminTemplates.view')}</Button>
                  <Button
                    onClick={() =>
                      setDraft({
                        name: template.name,
                        customerCode: template.customerCode ?? '',
                        text: definitionText(template.definition),
                      })
                    }
                  >
                    {t('adminTemplates.newVersion')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <TemplateEditor draft={draft} />
      {viewing && (
        <Modal
          open
          width={720}
          title={t('adminTemplates.viewTitle', { name: viewing.name, version: viewing.version })}
          onCancel={() => setViewing(undefined)}
          footer={<Button onClick={() => setViewing(undefined)}>{t('admin.close')}</Button>}
        >
          <pre data-testid="template-definition" style={{ maxHeight: 480, overflow: 'auto' }}>
            {definitionText(viewing.definition)}
          </pre>
        </Modal>
      )}
    </Space>
  );
}
