import { Button, Checkbox, Col, Divider, Flex, Form, Input, InputNumber, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Rule } from 'antd/es/form';
import { atLeastOne } from './form-problems';
import type { MessageKey } from '../../i18n/catalog';
import { useT, type Translate } from '../../i18n/I18nProvider';
import {
  HOURS_BOUNDS,
  isSettingDecimal,
  isToleranceCurrency,
  RULE_NAMES,
  WHOLE_NUMBER_NAMES,
  WHOLE_NUMBER_SETTINGS,
  type WholeNumberSetting,
} from '../../services/customer-settings-form';

const wholeNumber = (t: Translate, min: number, max: number): Rule[] => [
  { required: true, message: t('adminSettings.required') },
  { type: 'integer', min, max, message: t('adminSettings.wholeNumberRange', { min, max }) },
];

const decimal = (t: Translate): Rule[] => [
  { required: true, message: t('adminSettings.required') },
  {
    validator: (_, value: string | undefined) =>
      !value || isSettingDecimal(value)
        ? Promise.resolve()
        : Promise.reject(new Error(t('adminSettings.decimal'))),
  },
];

/** The settings form's fields, grouped as a finance admin thinks of them. */
export function SettingsFields() {
  const t = useT();
  const label = (field: WholeNumberSetting) => t(`adminSettings.field_${field}` as MessageKey);
  return (
    <>
      <Divider titlePlacement="start">{t('adminSettings.sectionMatching')}</Divider>
      <Form.Item
        name="rules"
        label={t('adminSettings.field_rules')}
        extra={t('adminSettings.rulesHint')}
        rules={[atLeastOne(t('adminSettings.rulesRequired'))]}
      >
        <Checkbox.Group
          options={RULE_NAMES.map((rule) => ({ value: rule, label: t(`adminSettings.rule_${rule}`) }))}
        />
      </Form.Item>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('adminSettings.field_tolerances')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('adminSettings.tolerancesHint')}</Typography.Paragraph>
      <ToleranceRows />
      <Row gutter={16}>
        {WHOLE_NUMBER_NAMES.map((field) => (
          <Col key={field} xs={24} sm={12} md={8}>
            <Form.Item
              name={field}
              label={label(field)}
              rules={wholeNumber(t, WHOLE_NUMBER_SETTINGS[field].min, WHOLE_NUMBER_SETTINGS[field].max)}
            >
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} sm={12} md={8}>
          <Form.Item
            name="autoApplyConfidence"
            label={t('adminSettings.field_autoApplyConfidence')}
            rules={[
              { required: true, message: t('adminSettings.required') },
              { type: 'number', min: 0, max: 1, message: t('adminSettings.confidenceRange') },
            ]}
          >
            <InputNumber step={0.05} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('adminSettings.sectionConfirmation')}</Divider>
      <Form.Item
        name="contactEmail"
        label={t('adminSettings.field_contactEmail')}
        extra={t('adminSettings.hint_contactEmail')}
        rules={[{ type: 'email', message: t('adminSettings.emailInvalid') }]}
      >
        <Input inputMode="email" autoComplete="off" maxLength={254} style={{ maxWidth: 420 }} />
      </Form.Item>
      <Row gutter={16}>
        {(['reminderAfterHours', 'escalateAfterHours'] as const).map((field) => (
          <Col key={field} xs={24} sm={12}>
            <Form.Item
              name={field}
              label={t(`adminSettings.field_${field}`)}
              extra={t(`adminSettings.hint_${field}`)}
              rules={[
                { required: true, message: t('adminSettings.required') },
                {
                  type: 'number',
                  min: HOURS_BOUNDS.min,
                  max: HOURS_BOUNDS.max,
                  message: t('adminSettings.hoursRange', { max: HOURS_BOUNDS.max }),
                },
              ]}
            >
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>

      <Divider titlePlacement="start">{t('adminSettings.sectionApproval')}</Divider>
      <Row gutter={16}>
        {(['managerApprovalThreshold', 'dualApprovalThreshold'] as const).map((field) => (
          <Col key={field} xs={24} sm={12}>
            <Form.Item
              name={field}
              label={t(`adminSettings.field_${field}`)}
              extra={t(`adminSettings.hint_${field}`)}
              rules={decimal(t)}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </>
  );
}

/** One row per currency ("*": every other currency): an absolute amount and a percent. */
function ToleranceRows() {
  const t = useT();
  return (
    <Form.List name="tolerances">
      {(rows, { add, remove }) => (
        <>
          {rows.map((row, index) => (
            <Flex key={row.key} gap={8} align="start" wrap data-testid={`tolerance-${index}`}>
              <Form.Item
                name={[row.name, 'currency']}
                rules={[
                  {
                    validator: (_, value: string | undefined) =>
                      value && isToleranceCurrency(value)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('adminSettings.currencyInvalid'))),
                  },
                ]}
              >
                <Input
                  aria-label={t('adminSettings.toleranceCurrency', { n: index + 1 })}
                  placeholder={t('adminSettings.currencyPlaceholder')}
                  style={{ width: 140 }}
                />
              </Form.Item>
              <Form.Item name={[row.name, 'absolute']} rules={decimal(t)}>
                <Input
                  aria-label={t('adminSettings.toleranceAbsolute', { n: index + 1 })}
                  addonBefore={t('adminSettings.absolute')}
                  inputMode="decimal"
                  style={{ width: 200 }}
                />
              </Form.Item>
              <Form.Item name={[row.name, 'percent']} rules={decimal(t)}>
                <Input
                  aria-label={t('adminSettings.tolerancePercent', { n: index + 1 })}
                  addonBefore={t('adminSettings.percent')}
                  addonAfter="%"
                  inputMode="decimal"
                  style={{ width: 200 }}
                />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('adminSettings.toleranceRemove', { n: index + 1 })}
                onClick={() => remove(row.name)}
              />
            </Flex>
          ))}
          <Form.Item>
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ currency: '', absolute: '0', percent: '0' })}
            >
              {t('adminSettings.toleranceAdd')}
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}
