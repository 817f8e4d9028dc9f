import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { ErrorAlert, useErrorText } from '../components/ErrorAlert.js';
import { PageLoading } from '../components/PageLoading.js';
import { useEnrolSigningKey, useMySigningKeys } from '../features/signatures/queries.js';
import { mayEnrol, passphraseProblem } from '../features/signatures/signing.js';
import { cityDateTime } from '../i18n/dates.js';
import { useI18n } from '../i18n/index.js';

const STATE_COLOR = { enrolled: 'orange', registered: 'green', revoked: 'red' } as const;

/** 签章密钥: the person's own SM2 keys and their state, and the enrolment of a new one with a passphrase typed twice. */
export default function SigningKeyPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const keys = useMySigningKeys();
  const enrol = useEnrolSigningKey();
  const [form] = Form.useForm();
  if (keys.isPending) return <PageLoading />;
  if (keys.isError) return <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} />;
  const list = keys.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('signing.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('signing.intro')}</Typography.Paragraph>
      {list.length === 0 ? <Typography.Text type="secondary">{t('signing.none')}</Typography.Text> : null}
      {[...list].reverse().map((k) => (
        <Card key={k.keyId} size="small" data-testid="signing-key">
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 's',
                label: t('signing.state'),
                children: (
                  <Tag color={STATE_COLOR[k.state]} data-testid="signing-key-state">
                    {t(`signing.state.${k.state}`)}
                  </Tag>
                ),
              },
              { key: 'e', label: t('signing.enrolledAt'), children: cityDateTime(k.enrolledAt, lang) },
              ...(k.registeredAt ? [{ key: 'r', label: t('signing.registeredAt'), children: cityDateTime(k.registeredAt, lang) }] : []),
              ...(k.revokedAt ? [{ key: 'v', label: t('signing.revokedAt'), children: cityDateTime(k.revokedAt, lang) }] : []),
            ]}
          />
        </Card>
      ))}
      {mayEnrol(list) ? (
        <Card size="small" title={t('signing.enrol')}>
          <Form
            form={form}
            layout="vertical"
            name="enrol-signing-key"
            onFinish={(v: { passphrase: string }) =>
              enrol.mutate(v.passphrase, {
                onSuccess: () => {
                  form.resetFields();
                  void message.success(t('signing.enrolled'));
                },
              })
            }
          >
            <Form.Item
              name="passphrase"
              label={t('signing.passphrase')}
              extra={t('signing.remember')}
              rules={[
                { validator: (_, v: unknown) => (passphraseProblem(String(v ?? ''), String(v ?? '')) ? Promise.reject(new Error(t('signing.tooShort'))) : Promise.resolve()) },
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={1024} />
            </Form.Item>
            <Form.Item
              name="again"
              label={t('signing.passphraseAgain')}
              dependencies={['passphrase']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: unknown) => {
                    const problem = passphraseProblem(String(getFieldValue('passphrase') ?? ''), String(v ?? ''));
                    return problem === 'signing.mismatch' ? Promise.reject(new Error(t(problem))) : Promise.resolve();
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={1024} />
            </Form.Item>
            {enrol.isError ? <Alert type="error" showIcon role="alert" message={errorText(enrol.error)} style={{ marginBottom: 16 }} /> : null}
            <Button type="primary" htmlType="submit" loading={enrol.isPending}>
              {t('signing.enrol')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}
