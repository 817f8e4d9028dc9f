import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/index.js';
import { useNa } from '../../i18n/notify-admin.js';
import { Channels } from './Channels.js';
import { Contacts } from './Contacts.js';
import { DeliveryLog } from './DeliveryLog.js';
import { Rules } from './Rules.js';
import { useNotifyAdminMutations, useNotifySettings } from './queries.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 通知 tab of the admin page (system admin): channels, the delivery log, the digest time, the rules, people's contacts. */
export default function NotifyAdmin() {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Channels />
      <DeliveryLog />
      <Settings />
      <Rules />
      <Contacts />
    </Space>
  );
}

/** The tenant's settings the page edits: the city time of the daily digest (working days). */
function Settings() {
  const { t } = useI18n();
  const na = useNa();
  const { message } = App.useApp();
  const settings = useNotifySettings();
  const m = useNotifyAdminMutations();
  const [digestAt, setDigestAt] = useState('');
  useEffect(() => {
    if (settings.data) setDigestAt(settings.data.digestAt);
  }, [settings.data]);
  const bad = digestAt !== '' && !HHMM.test(digestAt);
  return (
    <Card size="small" title={na('settings')}>
      {settings.isError ? <ErrorAlert error={settings.error} /> : null}
      <Form layout="inline" onFinish={() => !bad && m.saveSettings.mutate(digestAt, { onSuccess: () => void message.success(t('admin.saved')) })}>
        <Form.Item label={na('digestAt')} validateStatus={bad ? 'error' : undefined} help={bad ? t('notify.prefs.timeFormat') : na('digestAtHelp')}>
          <Input style={{ width: 90 }} value={digestAt} onChange={(e) => setDigestAt(e.target.value)} aria-label={na('digestAt')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={bad || digestAt === ''} loading={m.saveSettings.isPending}>
          {t('common.save')}
        </Button>
      </Form>
      {settings.data && settings.data.overrides > 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {na('overrides', { n: settings.data.overrides })}
        </Typography.Paragraph>
      ) : null}
      {m.saveSettings.isError ? <ErrorAlert error={m.saveSettings.error} /> : null}
    </Card>
  );
}
