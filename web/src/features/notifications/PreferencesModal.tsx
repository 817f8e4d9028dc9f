import { Alert, Checkbox, Form, Input, Modal, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { NotifyPreferencesBody } from '../../../../src/contracts/http/notify.js';
import { useI18n } from '../../i18n/index.js';
import { usePreferences, useSavePreferences } from './queries.js';

const URGENCIES = ['urgent', 'normal', 'low'] as const;
const CHANNELS = ['email', 'work', 'sms'] as const;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The person's own notification preferences: channels per urgency, quiet hours, digest only. */
export function PreferencesModal({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const { t } = useI18n();
  const prefs = usePreferences(open);
  const save = useSavePreferences();
  const [draft, setDraft] = useState<NotifyPreferencesBody | null>(null);
  const [quiet, setQuiet] = useState({ on: false, from: '22:00', to: '07:30' });
  useEffect(() => {
    if (!prefs.data) return;
    setDraft(prefs.data);
    setQuiet(prefs.data.quiet ? { on: true, ...prefs.data.quiet } : { on: false, from: '22:00', to: '07:30' });
  }, [prefs.data]);
  const badTime = quiet.on && (!HHMM.test(quiet.from) || !HHMM.test(quiet.to));
  const submit = () => {
    if (!draft || badTime) return;
    save.mutate({ ...draft, quiet: quiet.on ? { from: quiet.from, to: quiet.to } : null }, { onSuccess: onClose });
  };
  return (
    <Modal
      open={open}
      title={t('notify.prefs.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !draft || badTime }}
      destroyOnHidden
    >
      {draft ? (
        <Form layout="vertical" data-testid="notify-preferences">
          {URGENCIES.map((u) => (
            <Form.Item key={u} label={t(`notify.prefs.${u}`)}>
              <Checkbox.Group
                value={[...draft.channels[u]]}
                onChange={(v) => setDraft({ ...draft, channels: { ...draft.channels, [u]: v as (typeof CHANNELS)[number][] } })}
                options={CHANNELS.map((c) => ({ value: c, label: t(`notify.channel.${c}`) }))}
              />
            </Form.Item>
          ))}
          <Form.Item label={t('notify.prefs.quiet')} validateStatus={badTime ? 'error' : undefined} help={badTime ? t('notify.prefs.timeFormat') : t('notify.prefs.quietHelp')}>
            <Space>
              <Switch checked={quiet.on} onChange={(on) => setQuiet({ ...quiet, on })} aria-label={t('notify.prefs.quiet')} />
              <Input
                style={{ width: 80 }}
                disabled={!quiet.on}
                value={quiet.from}
                onChange={(e) => setQuiet({ ...quiet, from: e.target.value })}
                aria-label={t('notify.prefs.from')}
              />
              <Typography.Text>—</Typography.Text>
              <Input style={{ width: 80 }} disabled={!quiet.on} value={quiet.to} onChange={(e) => setQuiet({ ...quiet, to: e.target.value })} aria-label={t('notify.prefs.to')} />
            </Space>
          </Form.Item>
          <Form.Item label={t('notify.prefs.digestOnly')} help={t('notify.prefs.digestOnlyHelp')}>
            <Switch checked={draft.digestOnly} onChange={(digestOnly) => setDraft({ ...draft, digestOnly })} aria-label={t('notify.prefs.digestOnly')} />
          </Form.Item>
          {save.error ? <Alert type="error" showIcon message={save.error.message} /> : null}
        </Form>
      ) : null}
    </Modal>
  );
}
