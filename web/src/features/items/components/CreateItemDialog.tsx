import { Alert, Form, Input, Modal, Select } from 'antd';
import type { LedgerType } from '../../../api/types.js';
import { useErrorText } from '../../../components/ErrorAlert.js';
import { useI18n } from '../../../i18n/index.js';
import { useLocalised } from '../../ledgers/queries.js';
import { fieldValues } from '../action-body.js';
import { useCreateItem } from '../mutations.js';
import { FieldInput, formFields } from './FieldInput.js';

/** 立项: a draft of a ledger type with its title, content, priority and the fields filled at creation. */
export function CreateItemDialog({ type, onCreated, onCancel }: { type: LedgerType; onCreated(id: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const localised = useLocalised();
  const errorText = useErrorText();
  const create = useCreateItem();
  const [form] = Form.useForm();
  const fields = formFields(type.fields.filter((f) => f.filledAt !== 'closure' && !f.personal));
  return (
    <Modal
      open
      title={`${t('ledger.newItem')} · ${localised(type.name)}`}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        name="create-item"
        initialValues={{ priority: 'normal' }}
        onFinish={(v: { title: string; content?: string; priority: string; fields?: Record<string, unknown> }) =>
          create.mutate(
            { ledgerType: type.key, title: v.title.trim(), content: v.content?.trim() ?? '', priority: v.priority, fields: fieldValues(v.fields) },
            { onSuccess: (item) => onCreated(item.id) },
          )
        }
      >
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
          <Form.Item
            key={f.name}
            name={['fields', f.name]}
            label={localised(f.label)}
            valuePropName={f.kind === 'boolean' ? 'checked' : 'value'}
            rules={f.required ? [{ required: true, message: t('form.required') }] : []}
          >
            <FieldInput field={f} />
          </Form.Item>
        ))}
      </Form>
      {create.isError ? <Alert type="error" showIcon role="alert" message={errorText(create.error)} /> : null}
    </Modal>
  );
}
