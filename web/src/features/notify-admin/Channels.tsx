import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { NotifyChannelView } from '../../../../src/contracts/http/notify-admin.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { cityDateTime } from '../../i18n/dates.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { useUnitName, useUnitOptions } from '../ledgers/queries.js';
import { CHANNEL_KINDS, channelBody, isAddableKind, KIND_SPECS, type AddableKind, type FormProblem } from './channel-form.js';
import { useChannels, useNotifyAdminMutations } from './queries.js';

export const kindLabel = (kind: string): MessageKey => (isAddableKind(kind) || kind === 'email' ? (`notifyAdmin.kind.${kind}` as MessageKey) : 'notifyAdmin.kind.other');

/** The tenant's channels (robots per unit, corp apps, SMS accounts): add one, switch one off. Secrets never come back. */
export function Channels() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const channels = useChannels();
  const unitName = useUnitName();
  const m = useNotifyAdminMutations();
  const [adding, setAdding] = useState(false);
  return (
    <Card size="small" title={t('notifyAdmin.channels')} extra={<Button type="primary" data-testid="add-channel" onClick={() => setAdding(true)}>{t('notifyAdmin.addChannel')}</Button>}>
      {channels.isError ? <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} /> : null}
      <Table<NotifyChannelView>
        rowKey="id"
        size="small"
        loading={channels.isPending}
        dataSource={channels.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('notifyAdmin.noChannels') }}
        columns={[
          { key: 'kind', title: t('notifyAdmin.kind'), dataIndex: 'kind', render: (k: string) => t(kindLabel(k)) },
          { key: 'unit', title: t('admin.unit'), dataIndex: 'unitId', render: (u: string | null) => (u ? unitName(u) : t('notifyAdmin.wholeCity')) },
          { key: 'url', title: t('notifyAdmin.url'), dataIndex: 'url', render: (u: string) => <span style={{ wordBreak: 'break-all' }}>{u}</span> },
          { key: 'at', title: t('notifyAdmin.addedAt'), dataIndex: 'createdAt', render: (v: string) => cityDateTime(v, lang) },
          { key: 'state', title: t('notifyAdmin.state'), dataIndex: 'disabledAt', render: (v: string | null) => (v ? <Tag>{t('notifyAdmin.off')}</Tag> : <Tag color="green">{t('notifyAdmin.on')}</Tag>) },
          {
            key: 'a',
            title: '',
            render: (_, c) =>
              c.disabledAt ? null : (
                <Popconfirm title={t('notifyAdmin.disableConfirm')} okText={t('notifyAdmin.disable')} cancelText={t('common.cancel')} onConfirm={() => m.disableChannel.mutate(c.id, { onSuccess: () => void message.success(t('admin.saved')), onError: (e) => void message.error(errorText(e)) })}>
                  <Button type="link" size="small" danger>{t('notifyAdmin.disable')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <AddChannel open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}

interface FormValues {
  kind: AddableKind;
  unitId?: string;
  url?: string;
  [field: string]: string | undefined;
}

/** The 新增渠道 dialog: its fields follow the kind chosen; nothing is sent until the form is complete. */
function AddChannel({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const unitOptions = useUnitOptions();
  const m = useNotifyAdminMutations();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'wecom-robot';
  const spec = KIND_SPECS[kind];
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const say = (p: FormProblem) => (p.problem === 'field_required' ? t('notifyAdmin.fieldRequired', { field: t(`notifyAdmin.field.${p.field}` as MessageKey) }) : t(`notifyAdmin.problem.${p.problem}`));
  const submit = (v: FormValues) => {
    const r = channelBody({ kind: v.kind, unitId: v.unitId, url: v.url, values: v });
    if (!r.ok) return setProblems(r.problems);
    setProblems([]);
    m.addChannel.mutate(r.body, {
      onSuccess: () => {
        void message.success(t('notifyAdmin.channelAdded'));
        form.resetFields();
        onClose();
      },
    });
  };
  return (
    <Modal open={open} title={t('notifyAdmin.addChannel')} footer={null} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'wecom-robot' }} onFinish={submit} onValuesChange={() => setProblems([])}>
        <Form.Item name="kind" label={t('notifyAdmin.kind')}>
          <Select options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))} />
        </Form.Item>
        {spec.robot ? (
          <Form.Item name="unitId" label={t('admin.unit')} extra={t('notifyAdmin.robotUnitHelp')}>
            <Select showSearch optionFilterProp="label" options={unitOptions} />
          </Form.Item>
        ) : null}
        <Form.Item name="url" label={spec.robot ? t('notifyAdmin.robotUrl') : t('notifyAdmin.apiUrl')} extra={spec.robot ? t('notifyAdmin.robotUrlHelp') : t('notifyAdmin.apiUrlHelp')}>
          <Input.Password autoComplete="off" visibilityToggle={!spec.robot} placeholder={spec.robot ? undefined : t('notifyAdmin.vendorDefault')} />
        </Form.Item>
        {spec.fields.map((f) => (
          <Form.Item key={`${kind}-${f.name}`} name={f.name} label={t(`notifyAdmin.field.${f.name}` as MessageKey)} extra={f.secret ? t('notifyAdmin.secretHelp') : undefined}>
            {f.secret ? <Input.Password autoComplete="new-password" visibilityToggle={false} /> : <Input autoComplete="off" />}
          </Form.Item>
        ))}
        {problems.length > 0 ? <ErrorAlert error={new Error(problems.map(say).join('；'))} /> : null}
        {m.addChannel.isError ? <ErrorAlert error={m.addChannel.error} /> : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={m.addChannel.isPending}>{t('common.save')}</Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
