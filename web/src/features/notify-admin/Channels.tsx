import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { NotifyChannelView } from '../../../../src/contracts/http/notify-admin.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { cityDateTime } from '../../i18n/dates.js';
import { useI18n } from '../../i18n/index.js';
import { useNa, type NaKey } from '../../i18n/notify-admin.js';
import { useUnitName, useUnitOptions } from '../ledgers/queries.js';
import { CHANNEL_KINDS, channelBody, isAddableKind, KIND_SPECS, type AddableKind, type FormProblem } from './channel-form.js';
import { useChannels, useNotifyAdminMutations } from './queries.js';

export const kindLabel = (kind: string): NaKey => (isAddableKind(kind) || kind === 'email' ? (`kind.${kind}` as NaKey) : 'kind.other');

/** The tenant's channels (robots per unit, corp apps, SMS accounts): add one, switch one off. Secrets never come back. */
export function Channels() {
  const { t, lang } = useI18n();
  const na = useNa();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const channels = useChannels();
  const unitName = useUnitName();
  const m = useNotifyAdminMutations();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      size="small"
      title={na('channels')}
      extra={
        <Button type="primary" data-testid="add-channel" onClick={() => setAdding(true)}>
          {na('addChannel')}
        </Button>
      }
    >
      {channels.isError ? <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} /> : null}
      <Table<NotifyChannelView>
        rowKey="id"
        size="small"
        loading={channels.isPending}
        dataSource={channels.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: na('noChannels') }}
        columns={[
          { key: 'kind', title: na('kind'), dataIndex: 'kind', render: (k: string) => na(kindLabel(k)) },
          { key: 'unit', title: t('admin.unit'), dataIndex: 'unitId', render: (u: string | null) => (u ? unitName(u) : na('wholeCity')) },
          { key: 'url', title: na('url'), dataIndex: 'url', render: (u: string) => <span style={{ wordBreak: 'break-all' }}>{u}</span> },
          { key: 'at', title: na('addedAt'), dataIndex: 'createdAt', render: (v: string) => cityDateTime(v, lang) },
          { key: 'state', title: na('state'), dataIndex: 'disabledAt', render: (v: string | null) => (v ? <Tag>{na('off')}</Tag> : <Tag color="green">{na('on')}</Tag>) },
          {
            key: 'a',
            title: '',
            render: (_, c) =>
              c.disabledAt ? null : (
                <Popconfirm
                  title={na('disableConfirm')}
                  okText={na('disable')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => m.disableChannel.mutate(c.id, { onSuccess: () => void message.success(t('admin.saved')), onError: (e) => void message.error(errorText(e)) })}
                >
                  <Button type="link" size="small" danger>
                    {na('disable')}
                  </Button>
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
  const na = useNa();
  const { message } = App.useApp();
  const unitOptions = useUnitOptions();
  const m = useNotifyAdminMutations();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'wecom-robot';
  const spec = KIND_SPECS[kind];
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const say = (p: FormProblem) => (p.problem === 'field_required' ? na('fieldRequired', { field: na(`field.${p.field}` as NaKey) }) : na(`problem.${p.problem}`));
  const submit = (v: FormValues) => {
    const r = channelBody({ kind: v.kind, unitId: v.unitId, url: v.url, values: v });
    if (!r.ok) return setProblems(r.problems);
    setProblems([]);
    m.addChannel.mutate(r.body, {
      onSuccess: () => {
        void message.success(na('channelAdded'));
        form.resetFields();
        onClose();
      },
    });
  };
  return (
    <Modal open={open} title={na('addChannel')} footer={null} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'wecom-robot' }} onFinish={submit} onValuesChange={() => setProblems([])}>
        <Form.Item name="kind" label={na('kind')}>
          <Select options={CHANNEL_KINDS.map((k) => ({ value: k, label: na(kindLabel(k)) }))} />
        </Form.Item>
        {spec.robot ? (
          <Form.Item name="unitId" label={t('admin.unit')} extra={na('robotUnitHelp')}>
            <Select showSearch optionFilterProp="label" options={unitOptions} />
          </Form.Item>
        ) : null}
        <Form.Item name="url" label={spec.robot ? na('robotUrl') : na('apiUrl')} extra={spec.robot ? na('robotUrlHelp') : na('apiUrlHelp')}>
          <Input.Password autoComplete="off" visibilityToggle={!spec.robot} placeholder={spec.robot ? undefined : na('vendorDefault')} />
        </Form.Item>
        {spec.fields.map((f) => (
          <Form.Item key={`${kind}-${f.name}`} name={f.name} label={na(`field.${f.name}` as NaKey)} extra={f.secret ? na('secretHelp') : undefined}>
            {f.secret ? <Input.Password autoComplete="new-password" visibilityToggle={false} /> : <Input autoComplete="off" />}
          </Form.Item>
        ))}
        {problems.length > 0 ? <ErrorAlert error={new Error(problems.map(say).join('；'))} /> : null}
        {m.addChannel.isError ? <ErrorAlert error={m.addChannel.error} /> : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={m.addChannel.isPending}>
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
