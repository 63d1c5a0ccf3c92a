import { Input, Select } from 'antd';
import { PlainFlex } from '../../components/PlainFlex';
import { useT } from '../../i18n/I18nProvider';
import {
  DUE_CHOICES,
  TASK_KINDS,
  TASK_SCOPES,
  type DueChoice,
  type TaskKind,
  type TaskScope,
  type WorkChoice,
} from '../../services/work';

/** The work list's filters: customer, kind, due, whose, words. Typed words apply on Enter. */
export function WorkFilters({
  choice,
  onChange,
  hashId,
}: {
  choice: WorkChoice;
  onChange(next: WorkChoice): void;
  /** antd's theme hash (useAntdHashId). */
  hashId: string;
}) {
  const t = useT();
  const set = (patch: Partial<WorkChoice>) => onChange({ ...choice, ...patch });
  return (
    <PlainFlex hashId={hashId} gap={12} wrap style={{ marginBottom: 16 }}>
      <Input.Search
        // Keyed by the value: back/forward (the address holds the filters) shows the words again.
        key={`customer:${choice.customerCode ?? ''}`}
        allowClear
        aria-label={t('work.filterCustomer')}
        placeholder={t('work.filterCustomer')}
        style={{ width: 180 }}
        defaultValue={choice.customerCode}
        onSearch={(value) => set({ customerCode: value.trim() || undefined })}
      />
      <Select<TaskKind>
        allowClear
        aria-label={t('work.filterKind')}
        placeholder={t('work.filterKind')}
        style={{ minWidth: 200 }}
        value={choice.kind}
        onChange={(kind) => set({ kind })}
        options={TASK_KINDS.map((value) => ({ value, label: t(`work.kind${value}`) }))}
      />
      <Select<DueChoice>
        allowClear
        aria-label={t('work.filterDue')}
        placeholder={t('work.filterDue')}
        style={{ minWidth: 180 }}
        value={choice.due}
        onChange={(due) => set({ due })}
        options={DUE_CHOICES.map((value) => ({ value, label: t(`work.due${value}`) }))}
      />
      <Select<TaskScope>
        aria-label={t('work.filterScope')}
        style={{ minWidth: 180 }}
        value={choice.scope ?? 'ALL'}
        onChange={(scope) => set({ scope })}
        options={TASK_SCOPES.map((value) => ({ value, label: t(`work.scope${value}`) }))}
      />
      <Input.Search
        key={`search:${choice.search ?? ''}`}
        allowClear
        aria-label={t('work.filterSearch')}
        placeholder={t('work.filterSearch')}
        style={{ width: 260 }}
        defaultValue={choice.search}
        onSearch={(value) => set({ search: value.trim() || undefined })}
      />
    </PlainFlex>
  );
}
