import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { SigningKey } from '../../api/types.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { cityDateTime } from '../../i18n/dates.js';
import { useI18n } from '../../i18n/index.js';
import { useAllSigningKeys, useChangeSigningKey } from '../signatures/queries.js';
import { SigningPolicySetting } from './SigningPolicySetting.js';

const STATE_COLOR = { enrolled: 'orange', registered: 'green', revoked: 'red' } as const;

/** The security admin's signing policy and list of signing keys: register an enrolled one, revoke one with a reason. */
export default function SigningKeysAdmin() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const keys = useAllSigningKeys();
  const change = useChangeSigningKey();
  const [revoking, setRevoking] = useState<SigningKey | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  if (keys.isError) return <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} />;
  const fail = (e: unknown) => void message.error(errorText(e));
  return (
    <Card size="small">
      <SigningPolicySetting />
      <Typography.Paragraph type="secondary">{t('admin.revokeHint')}</Typography.Paragraph>
      <Table<SigningKey>
        size="small"
        rowKey="keyId"
        loading={keys.isPending}
        dataSource={keys.data ?? []}
        locale={{ emptyText: t('admin.noKeys') }}
        pagination={false}
        columns={[
          { key: 'o', title: t('admin.keyOwner'), render: (_, k) => k.userName ?? '—' },
          { key: 's', title: t('signing.state'), render: (_, k) => <Tag color={STATE_COLOR[k.state]}>{t(`signing.state.${k.state}`)}</Tag> },
          { key: 'e', title: t('signing.enrolledAt'), render: (_, k) => cityDateTime(k.enrolledAt, lang) },
          { key: 'r', title: t('signing.registeredAt'), render: (_, k) => cityDateTime(k.registeredAt, lang) || '—' },
          { key: 'v', title: t('signing.revokedAt'), render: (_, k) => cityDateTime(k.revokedAt, lang) || '—' },
          {
            key: 'a',
            title: '',
            render: (_, k) => (
              <Space>
                {k.state === 'enrolled' ? (
                  <Button
                    size="small"
                    type="primary"
                    loading={change.isPending}
                    onClick={() => change.mutate({ keyId: k.keyId, to: 'register' }, { onSuccess: () => void message.success(t('admin.keyRegistered')), onError: fail })}
                  >
                    {t('admin.registerKey')}
                  </Button>
                ) : null}
                {k.state !== 'revoked' ? (
                  <Button size="small" danger onClick={() => setRevoking(k)}>
                    {t('admin.revokeKey')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {revoking ? (
        <Modal
          open
          title={`${t('admin.revokeKey')} · ${revoking.userName ?? ''}`}
          okText={t('admin.revokeKey')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          confirmLoading={change.isPending}
          onOk={() => form.submit()}
          onCancel={() => setRevoking(null)}
          destroyOnHidden
        >
          <Typography.Paragraph>{t('admin.revokeHint')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            name="revoke-key"
            onFinish={(v) =>
              change.mutate(
                { keyId: revoking.keyId, to: 'revoke', reason: v.reason.trim() },
                {
                  onSuccess: () => {
                    setRevoking(null);
                    void message.success(t('admin.keyRevoked'));
                  },
                  onError: fail,
                },
              )
            }
          >
            <Form.Item name="reason" label={t('admin.revokeReason')} rules={[{ required: true, whitespace: true, message: t('form.reasonRequired') }]}>
              <Input.TextArea maxLength={500} />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </Card>
  );
}
