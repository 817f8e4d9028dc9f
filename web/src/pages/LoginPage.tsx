import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, clearSessionLost } from '../api/client.js';
import type { Me, TotpEnrolment } from '../api/types.js';
import { useErrorText } from '../components/ErrorAlert.js';
import { useBeginTotp, useConfirmTotp, useLogin, type LoginInput } from '../features/session/mutations.js';
import { sessionKeys } from '../features/session/queries.js';
import { useI18n } from '../i18n/index.js';

type Step = { kind: 'password' } | { kind: 'enrol'; enrolment: TotpEnrolment } | { kind: 'enrolled' } | { kind: 'change'; username: string; current: string };

/** Only same-site paths are followed after login (never an absolute URL someone put in the link). */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export default function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const login = useLogin();
  const beginTotp = useBeginTotp();
  const confirmTotp = useConfirmTotp();
  const [form] = Form.useForm<LoginInput>();
  const [needTotp, setNeedTotp] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [error, setError] = useState<unknown>(null);
  const reason = params.get('reason');

  const finish = async () => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    const me = await api<Me>('/me');
    clearSessionLost();
    qc.setQueryData(sessionKeys.me, me);
    const home = me.can.readItems ? '/' : me.can.readAudit ? '/audit' : '/admin';
    void navigate(safeNext(params.get('next')) ?? home, { replace: true });
  };

  const submit = async (values: LoginInput) => {
    setError(null);
    try {
      const session = await login.mutateAsync({ username: values.username.trim(), password: values.password, ...(values.totp ? { totp: values.totp.trim() } : {}) });
      if (session.passwordChangeRequired) {
        // A one-time password set by a reset: nothing opens until the user picks their own.
        setStep({ kind: 'change', username: values.username.trim(), current: values.password });
        return;
      }
      if (session.secondFactorEnrolmentRequired) {
        setStep({ kind: 'enrol', enrolment: await beginTotp.mutateAsync() });
        return;
      }
      await finish();
    } catch (e) {
      setError(e);
    }
  };

  const enrol = async (values: { code: string }) => {
    setError(null);
    try {
      await confirmTotp.mutateAsync(values.code.trim());
      setNeedTotp(true);
      form.setFieldValue('totp', '');
      setStep({ kind: 'enrolled' });
    } catch (e) {
      setError(e);
    }
  };

  const change = async (values: { password: string; again: string }) => {
    if (step.kind !== 'change') return;
    setError(null);
    try {
      await api<{ ok: true }>('/me/password', { method: 'PUT', body: { current: step.current, password: values.password }, quiet401: true });
      // Changing the password ends every session, this one too: log in again with the new password.
      const session = await login.mutateAsync({ username: step.username, password: values.password });
      if (session.secondFactorEnrolmentRequired) {
        setStep({ kind: 'enrol', enrolment: await beginTotp.mutateAsync() });
        return;
      }
      await finish();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
            <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <Button type="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={t('nav.languageLabel')}>
              {t('nav.language')}
            </Button>
          </div>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          {reason === 'expired' && step.kind === 'password' && !error ? <Alert type="warning" showIcon message={t('login.expired')} role="status" /> : null}
          {reason === 'logout' && step.kind === 'password' && !error ? <Alert type="info" showIcon message={t('login.loggedOut')} role="status" /> : null}
          {step.kind === 'enrolled' && !error ? <Alert type="success" showIcon message={t('login.enrolDone')} role="status" /> : null}
          {error ? <Alert type="error" showIcon message={errorText(error)} role="alert" /> : null}
          {step.kind === 'change' ? (
            <Form layout="vertical" onFinish={change} requiredMark={false}>
              <Typography.Title level={2} style={{ fontSize: 18 }}>
                {t('login.changeTitle')}
              </Typography.Title>
              <Typography.Paragraph>{t('login.changeIntro')}</Typography.Paragraph>
              <Form.Item name="password" label={t('login.newPassword')} rules={[{ required: true, min: 12, message: t('login.newPasswordHint') }]}>
                <Input.Password autoComplete="new-password" autoFocus />
              </Form.Item>
              <Form.Item
                name="again"
                label={t('login.newPasswordAgain')}
                dependencies={['password']}
                rules={[
                  { required: true, message: t('form.required') },
                  ({ getFieldValue }) => ({
                    validator: (_r, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('login.newPasswordMismatch')))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                {t('login.changeSubmit')}
              </Button>
            </Form>
          ) : step.kind === 'enrol' ? (
            <Form layout="vertical" onFinish={enrol} requiredMark={false}>
              <Typography.Title level={2} style={{ fontSize: 18 }}>
                {t('login.enrolTitle')}
              </Typography.Title>
              <Typography.Paragraph>{t('login.enrolIntro')}</Typography.Paragraph>
              <div style={{ display: 'flex', justifyContent: 'center', marginBottom: 12 }}>
                <QRCode value={step.enrolment.uri} size={180} />
              </div>
              <Typography.Paragraph>
                {t('login.enrolSecret')}:{' '}
                <Typography.Text code copyable data-testid="totp-secret">
                  {step.enrolment.secret}
                </Typography.Text>
              </Typography.Paragraph>
              <Form.Item name="code" label={t('login.totp')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('login.totpHint') }]}>
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={confirmTotp.isPending}>
                {t('login.enrolConfirm')}
              </Button>
            </Form>
          ) : (
            <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ username: '', password: '' }}>
              <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('form.required') }]}>
                <Input autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('form.required') }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              {/* The code goes with the password: the server answers every failed step alike, so it cannot ask for it later. */}
              <Form.Item
                name="totp"
                label={t('login.totpAdmins')}
                extra={t('login.totpHint')}
                rules={[{ required: needTotp, pattern: /^\s*\d{6}\s*$/, message: t('login.totpHint') }]}
              >
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={login.isPending || beginTotp.isPending}>
                {t('login.submit')}
              </Button>
            </Form>
          )}
        </Space>
      </Card>
    </main>
  );
}
