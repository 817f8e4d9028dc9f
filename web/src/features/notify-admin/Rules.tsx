import { App, Button, Card, Select, Space, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/index.js';
import { useNa, type NaKey } from '../../i18n/notify-admin.js';
import { useLedgerTypes, useLocalised } from '../ledgers/queries.js';
import { useNotifyAdminMutations, useNotifySettings } from './queries.js';
import { rowsFor, withRow, type Audience, type Override, type RuleRow, type Urgency } from './rule-overrides.js';

const AUDIENCES: readonly Audience[] = ['lead', 'lead_leader', 'co', 'owner', 'owner_leader'];
const URGENCIES: readonly Urgency[] = ['urgent', 'normal', 'low'];

/**
 * 通知规则 (system admin): what notifies whom and how urgently, for every ledger type or one type (which wins). The
 * edits stay on the page until 保存, which writes the tenant's whole override list (as `luoshi notify settings
 * --rules` does); the server checks it again.
 */
export function Rules() {
  const { t } = useI18n();
  const na = useNa();
  const localised = useLocalised();
  const { message } = App.useApp();
  const settings = useNotifySettings();
  const types = useLedgerTypes().data ?? [];
  const m = useNotifyAdminMutations();
  const [scope, setScope] = useState<string | null>(null);
  const [draft, setDraft] = useState<Override[] | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data.ruleOverrides);
  }, [settings.data]);
  const view = settings.data;
  if (!view || !draft) return settings.isError ? <ErrorAlert error={settings.error} /> : null;
  const rows = rowsFor(view, draft, scope);
  const change = (row: RuleRow) => setDraft(withRow(view, draft, scope, row));
  const dirty = JSON.stringify(draft) !== JSON.stringify(view.ruleOverrides);
  return (
    <Card
      size="small"
      title={na('rules')}
      data-testid="notify-rules"
      extra={
        <Space>
          {dirty ? <Typography.Text type="warning">{na('rulesChanged')}</Typography.Text> : null}
          <Button
            type="primary"
            size="small"
            disabled={!dirty}
            loading={m.saveRules.isPending}
            onClick={() => m.saveRules.mutate(draft, { onSuccess: () => void message.success(na('rulesSaved')) })}
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{na('rulesHelp')}</Typography.Paragraph>
      <Space style={{ marginBottom: 8 }}>
        <span>{na('rulesScope')}</span>
        <Select
          style={{ width: 200 }}
          aria-label={na('rulesScope')}
          value={scope ?? ''}
          onChange={(v: string) => setScope(v === '' ? null : v)}
          options={[{ value: '', label: na('rulesAll') }, ...types.map((x) => ({ value: x.key, label: localised(x.name) }))]}
        />
      </Space>
      <Table<RuleRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'rule', title: na('rule'), render: (_, r) => na(`rule.${r.key}` as NaKey) },
          {
            key: 'audience',
            title: na('audience'),
            render: (_, r) => (
              <Select
                mode="multiple"
                size="small"
                style={{ minWidth: 260 }}
                aria-label={`${na(`rule.${r.key}` as NaKey)} ${na('audience')}`}
                value={[...r.audience]}
                onChange={(v: Audience[]) => v.length > 0 && change({ ...r, audience: v })}
                options={AUDIENCES.map((a) => ({ value: a, label: na(`audience.${a}` as NaKey) }))}
              />
            ),
          },
          {
            key: 'urgency',
            title: na('urgency'),
            render: (_, r) => (
              <Select
                size="small"
                style={{ width: 90 }}
                aria-label={`${na(`rule.${r.key}` as NaKey)} ${na('urgency')}`}
                value={r.urgency}
                onChange={(v: Urgency) => change({ ...r, urgency: v })}
                options={URGENCIES.map((u) => ({ value: u, label: na(`urgency.${u}` as NaKey) }))}
              />
            ),
          },
          {
            key: 'on',
            title: na('ruleOn'),
            render: (_, r) => <Switch size="small" checked={r.on} aria-label={`${na(`rule.${r.key}` as NaKey)} ${na('ruleOn')}`} onChange={(on) => change({ ...r, on })} />,
          },
        ]}
      />
      {m.saveRules.isError ? <ErrorAlert error={m.saveRules.error} /> : null}
    </Card>
  );
}
