import { MergeCellsOutlined, ScissorOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { DraftDirectiveView, ReadoutEdit } from '../../../../../src/contracts/http/readouts.js';
import { useI18n } from '../../../i18n/index.js';
import { useLedgerTypes, useLocalised, useUnitOptions } from '../../ledgers/queries.js';

const CADENCES = ['weekly', 'biweekly', 'monthly', 'quarterly'] as const;

export interface DirectiveCardProps {
  readonly d: DraftDirectiveView;
  readonly depth: number;
  readonly selected: boolean;
  readonly nextI: number | null;
  readonly busy: boolean;
  onSelect(): void;
  onEdit(edits: ReadoutEdit[]): void;
  onSplit(): void;
}

/** One directive of the draft: keep, kind, title, ledger type, lead and co-units, deadline or cadence; merge, split. */
export function DirectiveCard({ d, depth, selected, nextI, busy, onSelect, onEdit, onSplit }: DirectiveCardProps) {
  const { t } = useI18n();
  const localised = useLocalised();
  const types = useLedgerTypes().data ?? [];
  const units = useUnitOptions();
  const set = (patch: Omit<Extract<ReadoutEdit, { op: 'set' }>, 'op' | 'i'>) => onEdit([{ op: 'set', i: d.i, ...patch }]);
  const label = (s: string) => `${t(s as never)}`;
  return (
    <Card
      size="small"
      style={{ marginLeft: depth * 20, borderColor: selected ? '#b7312c' : undefined, opacity: d.keep ? 1 : 0.7 }}
      onClick={onSelect}
      data-testid={`directive-${d.i}`}
      aria-current={selected ? 'true' : undefined}
      title={
        <Space size="small" wrap>
          <Checkbox checked={d.keep} onChange={(e) => onEdit([{ op: 'keep', i: d.i, keep: e.target.checked }])} onClick={(e) => e.stopPropagation()} aria-label={`${t('readout.keep')} ${d.title}`} data-testid="keep">
            {t('readout.keep')}
          </Checkbox>
          <Tag color={d.kind === 'task' ? 'red' : 'default'}>{t(`readout.kind.${d.kind}`)}</Tag>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{d.topic}</Typography.Text>
        </Space>
      }
      extra={
        <Space size={0}>
          <Button size="small" type="text" icon={<MergeCellsOutlined />} disabled={nextI === null || busy} onClick={(e) => { e.stopPropagation(); if (nextI !== null) onEdit([{ op: 'merge', i: d.i, with: nextI }]); }} title={t('readout.merge')} aria-label={t('readout.merge')} />
          <Button size="small" type="text" icon={<ScissorOutlined />} disabled={busy} onClick={(e) => { e.stopPropagation(); onSplit(); }} title={t('readout.split')} aria-label={t('readout.split')} />
        </Space>
      }
    >
      <Typography.Paragraph ellipsis={{ rows: selected ? 8 : 2 }} style={{ fontSize: 13, color: '#595959' }}>{d.text}</Typography.Paragraph>
      {d.keep && selected ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 8 }} onClick={(e) => e.stopPropagation()}>
          <label>
            {t('readout.titleField')}
            <Input key={`${d.i}:${d.title}`} defaultValue={d.title} maxLength={200} onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== d.title && set({ title: e.target.value.trim() })} data-testid="directive-title" />
          </label>
          <label>
            {t('readout.kind')}
            <Select value={d.kind} onChange={(kind) => set({ kind })} style={{ width: '100%' }} options={(['task', 'exhortation'] as const).map((k) => ({ value: k, label: t(`readout.kind.${k}`) }))} />
          </label>
          <label>
            {t('readout.ledgerType')}
            <Select value={d.ledgerType} onChange={(ledgerType) => set({ ledgerType })} style={{ width: '100%' }} options={types.map((x) => ({ value: x.key, label: localised(x.name) }))} />
          </label>
          <label>
            {t('readout.lead')}
            <Select value={d.leadUnitId ?? undefined} allowClear showSearch optionFilterProp="label" onChange={(v: string | undefined) => set({ leadUnitId: v ?? null })} style={{ width: '100%' }} options={units} data-testid="directive-lead" />
            {d.leadSuggestions.length > 0 ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('readout.leadSuggested', { names: d.leadSuggestions.map((s) => s.name).join('、') })}</Typography.Text> : null}
          </label>
          <label>
            {t('readout.co')}
            <Select mode="multiple" value={[...d.coUnitIds]} showSearch optionFilterProp="label" onChange={(v: string[]) => set({ coUnitIds: v })} style={{ width: '100%' }} options={units} maxTagCount="responsive" />
          </label>
          <label>
            {t('readout.deadline')}
            <DatePicker value={d.deadline ? dayjs(d.deadline) : null} onChange={(v) => set({ deadline: v ? v.format('YYYY-MM-DD') : null })} style={{ width: '100%' }} data-testid="directive-deadline" />
            {d.deadlinePhrase ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('readout.deadlinePhrase', { phrase: d.deadlinePhrase })}</Typography.Text> : null}
          </label>
          <label>
            {t('readout.cadence')}
            <Select value={d.cadence ?? undefined} allowClear onChange={(v) => set({ cadence: v ?? null })} style={{ width: '100%' }} options={CADENCES.map((c) => ({ value: c, label: label(`cadence.${c}`) }))} />
          </label>
        </div>
      ) : null}
    </Card>
  );
}
