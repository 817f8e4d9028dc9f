import { Alert, DatePicker, Divider, Form, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { LedgerType } from '../../../api/types.js';
import { useErrorText } from '../../../components/ErrorAlert.js';
import { useI18n } from '../../../i18n/index.js';
import { useLocalised, useUnitOptions } from '../../ledgers/queries.js';
import { fieldValues } from '../action-body.js';
import { useCreateItem } from '../mutations.js';
import { formFields } from './FieldInput.js';
import { ItemBasics } from './ItemBasics.js';
import { UnstaffedWarning } from './UnstaffedWarning.js';

interface Values {
  ledgerType: string;
  title: string;
  content?: string;
  priority: string;
  fields?: Record<string, unknown>;
  leadUnitId?: string;
  coUnitIds?: string[];
  deadline?: Dayjs | null;
}

/**
 * 立项: an item of a ledger type with its title, content, priority and the fields filled at creation — and, when a
 * lead unit is chosen, 交办 in the same step (立项并交办: one request, one transaction; the deadline left empty
 * takes the type's time limit). From 全部台账 the type is chosen in the form.
 */
export function CreateItemDialog({
  type,
  types,
  canAssign,
  onCreated,
  onCancel,
}: {
  type: LedgerType | null;
  types: readonly LedgerType[];
  /** Supervisors hand out what they register; a handler's 上报 goes to the 待立项 queue or is its own case. */
  canAssign: boolean;
  onCreated(id: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const localised = useLocalised();
  const errorText = useErrorText();
  const unitOptions = useUnitOptions();
  const create = useCreateItem();
  const [form] = Form.useForm<Values>();
  const chosenKey = Form.useWatch('ledgerType', form) ?? type?.key;
  const chosen = type ?? types.find((x) => x.key === chosenKey) ?? null;
  const lead = Form.useWatch('leadUnitId', form);
  const fields = chosen ? formFields(chosen.fields.filter((f) => f.filledAt !== 'closure' && !f.personal)) : [];
  const notPast = (d: Dayjs) => d.isBefore(dayjs(), 'day');
  const submit = (v: Values) => {
    if (!chosen) return;
    const assign = v.leadUnitId ? { leadUnitId: v.leadUnitId, coUnitIds: v.coUnitIds ?? [], ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}) } : undefined;
    create.mutate(
      { ledgerType: chosen.key, title: v.title.trim(), content: v.content?.trim() ?? '', priority: v.priority, fields: fieldValues(v.fields), ...(assign ? { assign } : {}) },
      { onSuccess: (item) => onCreated(item.id) },
    );
  };
  return (
    <Modal
      open
      title={chosen && type ? `${t('ledger.newItem')} · ${localised(chosen.name)}` : t('ledger.newItem')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={lead ? t('create.andAssign') : t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values> form={form} layout="vertical" name="create-item" initialValues={{ priority: 'normal', ...(type ? { ledgerType: type.key } : {}) }} onFinish={submit}>
        {type ? null : (
          <Form.Item name="ledgerType" label={t('create.type')} rules={[{ required: true, message: t('form.required') }]}>
            <Select showSearch optionFilterProp="label" options={types.map((x) => ({ value: x.key, label: localised(x.name) }))} />
          </Form.Item>
        )}
        <ItemBasics fields={fields} />
        {canAssign ? (
          <>
            <Divider orientation="left" plain style={{ marginTop: 4 }}>
              {t('create.assignSection')}
            </Divider>
            <Typography.Paragraph type="secondary">{t('create.assignHelp')}</Typography.Paragraph>
            <Form.Item name="leadUnitId" label={t('form.lead')}>
              <Select allowClear showSearch optionFilterProp="label" options={unitOptions} />
            </Form.Item>
            <UnstaffedWarning />
            {lead ? (
              <>
                <Form.Item name="coUnitIds" label={t('col.co')}>
                  <Select mode="multiple" optionFilterProp="label" options={unitOptions.filter((o) => o.value !== lead)} />
                </Form.Item>
                <Form.Item
                  name="deadline"
                  label={t('form.deadline')}
                  extra={t('create.deadlineDefault')}
                  rules={[{ validator: (_: unknown, v?: Dayjs | null) => (v && notPast(v) ? Promise.reject(new Error(t('form.deadlineNotPast'))) : Promise.resolve()) }]}
                >
                  <DatePicker style={{ width: '100%' }} disabledDate={notPast} />
                </Form.Item>
              </>
            ) : null}
          </>
        ) : null}
      </Form>
      {create.isError ? <Alert type="error" showIcon role="alert" message={errorText(create.error)} /> : null}
    </Modal>
  );
}
