import { Alert, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import type { ItemDetail, LedgerType } from '../../../api/types.js';
import { useErrorText } from '../../../components/ErrorAlert.js';
import { useI18n } from '../../../i18n/index.js';
import { fieldValues } from '../action-body.js';
import { useEditItem } from '../mutations.js';
import { formFields } from './FieldInput.js';
import { ItemBasics } from './ItemBasics.js';

interface Values {
  title: string;
  content?: string;
  priority: string;
  fields?: Record<string, unknown>;
}

/**
 * 修改: a draft's title, content, priority and the fields filled at creation — or, once the item is at work, the
 * supervisor's correction of them (the server picks the loop's command by the item's state and records it).
 * Only what changed is sent; the version seen goes with it, so an item changed meanwhile is refused, not merged.
 */
export function EditItemDialog({ detail, type, onDone, onCancel }: { detail: ItemDetail; type: LedgerType | undefined; onDone(): void; onCancel(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const edit = useEditItem(detail.item.id);
  const [form] = Form.useForm<Values>();
  const item = detail.item;
  const fields = formFields((type?.fields ?? []).filter((f) => f.filledAt !== 'closure' && !f.personal));
  // Dates are edited with the date picker: stored YYYY-MM-DD strings become its values.
  const initialFields = Object.fromEntries(
    fields.map((f) => [f.name, f.kind === 'date' && typeof item.fields[f.name] === 'string' ? dayjs(item.fields[f.name] as string) : item.fields[f.name]]),
  );
  const submit = (v: Values) => {
    const body: Record<string, unknown> = {};
    if (v.title.trim() !== item.title) body.title = v.title.trim();
    if ((v.content ?? '').trim() !== item.content) body.content = (v.content ?? '').trim();
    if (v.priority !== item.priority) body.priority = v.priority;
    const next = fieldValues(v.fields);
    const changed = Object.fromEntries(Object.entries(next).filter(([k, x]) => JSON.stringify(x) !== JSON.stringify(item.fields[k])));
    if (Object.keys(changed).length > 0) body.fields = changed;
    if (Object.keys(body).length === 0) return onCancel();
    edit.mutate({ body, version: item.version }, { onSuccess: onDone });
  };
  return (
    <Modal
      open
      title={`${t('item.edit')} · ${item.number}`}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={edit.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="edit-item"
        initialValues={{ title: item.title, content: item.content, priority: item.priority, fields: initialFields }}
        onFinish={submit}
      >
        <ItemBasics fields={fields} />
      </Form>
      {edit.isError ? <Alert type="error" showIcon role="alert" message={errorText(edit.error)} /> : null}
    </Modal>
  );
}
