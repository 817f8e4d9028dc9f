import { Form, Input, Select } from 'antd';
import type { LedgerField } from '../../../api/types.js';
import { useI18n } from '../../../i18n/index.js';
import { useLocalised } from '../../ledgers/queries.js';
import { FieldInput } from './FieldInput.js';

/**
 * The inputs an item is recorded with — title, content, priority and the type's fields filled at creation — as the
 * 立项 form and the 修改 form both ask for them (names `title`, `content`, `priority`, `fields.<name>`).
 */
export function ItemBasics({ fields }: { fields: readonly LedgerField[] }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="title" label={t('col.title')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="content" label={t('item.content')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20_000} />
      </Form.Item>
      <Form.Item name="priority" label={t('col.priority')}>
        <Select options={(['normal', 'high', 'urgent'] as const).map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
      </Form.Item>
      {fields.map((f) => (
        <FieldItem key={f.name} field={f} />
      ))}
    </>
  );
}

/** One field of the ledger type as a form item (`fields.<name>`), required where the type says so. */
export function FieldItem({ field }: { field: LedgerField }) {
  const { t } = useI18n();
  const localised = useLocalised();
  return (
    <Form.Item
      name={['fields', field.name]}
      label={localised(field.label)}
      valuePropName={field.kind === 'boolean' ? 'checked' : 'value'}
      rules={field.required ? [{ required: true, message: t('form.required') }] : []}
    >
      <FieldInput field={field} />
    </Form.Item>
  );
}
