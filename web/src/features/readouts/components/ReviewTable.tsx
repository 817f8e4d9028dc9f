import { MergeCellsOutlined, ScissorOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useRef, type HTMLAttributes, type KeyboardEvent } from 'react';
import type { DefaultTerm, DraftDirectiveView, ReadoutEdit } from '../../../../../src/contracts/http/readouts.js';
import { useI18n } from '../../../i18n/index.js';
import { useReadoutText } from '../../../i18n/readouts.js';
import { useLedgerTypes, useLocalised } from '../../ledgers/queries.js';
import { useUnitPicker } from '../../ledgers/unit-picker.js';
import { defaultTermText, stepRow } from '../review.js';

const CADENCES = ['weekly', 'biweekly', 'monthly', 'quarterly'] as const;

export interface ReviewTableProps {
  readonly rows: readonly { d: DraftDirectiveView; depth: number }[];
  readonly defaults: Readonly<Record<string, DefaultTerm>>;
  readonly selected: number | null;
  readonly busy: boolean;
  onSelect(i: number): void;
  onEdit(edits: ReadoutEdit[]): void;
  onSplit(i: number): void;
}

/**
 * The draft as one dense table — keep, kind, title, lead and co-units, deadline (or cadence, or the default it
 * will get), ledger type — so a supervisor checks 23 directives at a glance instead of opening 23 cards. Every
 * cell edits in place and saves at once. ↑/↓ move between rows (the source pane follows), Space toggles keep,
 * Enter goes to the title; inside a field the keys keep their usual meaning.
 */
export function ReviewTable({ rows, defaults, selected, busy, onSelect, onEdit, onSplit }: ReviewTableProps) {
  const { t } = useI18n();
  const rt = useReadoutText();
  const localised = useLocalised();
  const types = useLedgerTypes().data ?? [];
  const picker = useUnitPicker();
  const root = useRef<HTMLDivElement>(null);
  const order = rows.map((r) => r.d.i);
  const set = (i: number, patch: Omit<Extract<ReadoutEdit, { op: 'set' }>, 'op' | 'i'>) => onEdit([{ op: 'set', i, ...patch }]);
  const rowEl = (i: number) => root.current?.querySelector<HTMLElement>(`tr[data-row="${i}"]`) ?? null;

  // The row selected from the source pane comes into view here too.
  useEffect(() => {
    if (selected === null) return;
    const el = rowEl(selected);
    if (el && !el.contains(document.activeElement)) el.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, d: DraftDirectiveView) => {
    if (e.target !== e.currentTarget) return;
    const move = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (move !== 0) {
      e.preventDefault();
      const next = stepRow(order, d.i, move);
      if (next !== null) {
        onSelect(next);
        rowEl(next)?.focus();
      }
    } else if (e.key === ' ') {
      e.preventDefault();
      if (!busy) onEdit([{ op: 'keep', i: d.i, keep: !d.keep }]);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      rowEl(d.i)?.querySelector<HTMLInputElement>('[data-testid="directive-title"]')?.focus();
    }
  };

  const columns: ColumnsType<{ d: DraftDirectiveView; depth: number }> = [
    {
      key: 'keep',
      title: rt('keep'),
      width: 56,
      render: (_, { d }) => (
        <Checkbox
          checked={d.keep}
          disabled={busy}
          onChange={(e) => onEdit([{ op: 'keep', i: d.i, keep: e.target.checked }])}
          aria-label={`${rt('keep')} ${d.title}`}
          data-testid="keep"
        />
      ),
    },
    {
      key: 'kind',
      title: rt('kind'),
      width: 92,
      render: (_, { d }) => (
        <Select
          size="small"
          value={d.kind}
          onChange={(kind) => set(d.i, { kind })}
          style={{ width: 80 }}
          aria-label={rt('kind')}
          options={(['task', 'exhortation'] as const).map((k) => ({ value: k, label: rt(`kind.${k}`) }))}
        />
      ),
    },
    {
      key: 'title',
      title: rt('col.title'),
      width: 300,
      render: (_, { d, depth }) => (
        <div style={{ paddingLeft: depth * 16 }}>
          <Input
            size="small"
            key={`${d.i}:${d.title}`}
            defaultValue={d.title}
            maxLength={200}
            disabled={!d.keep}
            aria-label={rt('titleField')}
            onPressEnter={(e) => e.currentTarget.blur()}
            onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== d.title && set(d.i, { title: e.target.value.trim() })}
            data-testid="directive-title"
          />
          <Typography.Text type="secondary" className="review-sentence" title={d.text}>
            {d.topic ? `${d.topic} · ` : ''}
            {d.text}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'lead',
      title: rt('lead'),
      width: 180,
      render: (_, { d }) => (
        <>
          <Select
            size="small"
            value={d.leadUnitId ?? undefined}
            allowClear
            {...picker.props}
            disabled={!d.keep}
            aria-label={rt('lead')}
            onChange={(v: string | undefined) => set(d.i, { leadUnitId: v ?? null })}
            style={{ width: '100%' }}
            options={picker.options}
            data-testid="directive-lead"
          />
          {!d.leadUnitId && d.leadSuggestions.length > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {rt('leadSuggested', { names: d.leadSuggestions.map((s) => s.name).join('、') })}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      key: 'co',
      title: rt('co'),
      width: 200,
      render: (_, { d }) => (
        <Select
          size="small"
          mode="multiple"
          value={[...d.coUnitIds]}
          {...picker.props}
          disabled={!d.keep}
          aria-label={rt('co')}
          onChange={(v: string[]) => set(d.i, { coUnitIds: v })}
          style={{ width: '100%' }}
          options={picker.options}
          maxTagCount="responsive"
        />
      ),
    },
    {
      key: 'deadline',
      title: rt('deadline'),
      width: 170,
      render: (_, { d }) => {
        const fallback = d.deadline === null && d.cadence === null ? defaultTermText(defaults[d.ledgerType], t, rt) : '';
        return (
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <DatePicker
              size="small"
              value={d.deadline ? dayjs(d.deadline) : null}
              disabled={!d.keep}
              aria-label={rt('deadline')}
              onChange={(v) => set(d.i, { deadline: v ? v.format('YYYY-MM-DD') : null })}
              style={{ width: '100%' }}
              data-testid="directive-deadline"
            />
            {d.deadline === null ? (
              <Select
                size="small"
                value={d.cadence ?? undefined}
                allowClear
                disabled={!d.keep}
                placeholder={t('cadence.label')}
                aria-label={rt('cadence')}
                onChange={(v) => set(d.i, { cadence: v ?? null })}
                style={{ width: '100%' }}
                options={CADENCES.map((c) => ({ value: c, label: t(`cadence.${c}`) }))}
              />
            ) : null}
            {d.deadlinePhrase ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {rt('deadlinePhrase', { phrase: d.deadlinePhrase })}
              </Typography.Text>
            ) : null}
            {fallback ? (
              <Tag color="gold" style={{ whiteSpace: 'nowrap' }} data-testid="default-term">
                {fallback}
              </Tag>
            ) : null}
          </Space>
        );
      },
    },
    {
      key: 'type',
      title: rt('ledgerType'),
      width: 140,
      render: (_, { d }) => (
        <Select
          size="small"
          value={d.ledgerType}
          disabled={!d.keep}
          aria-label={rt('ledgerType')}
          onChange={(ledgerType) => set(d.i, { ledgerType })}
          style={{ width: '100%' }}
          options={types.map((x) => ({ value: x.key, label: localised(x.name) }))}
        />
      ),
    },
    {
      key: 'ops',
      title: '',
      width: 72,
      render: (_, { d }, k) => {
        const next = rows[k + 1]?.d.i ?? null;
        return (
          <Space size={0}>
            <Button
              size="small"
              type="text"
              icon={<MergeCellsOutlined />}
              disabled={next === null || busy}
              onClick={() => next !== null && onEdit([{ op: 'merge', i: d.i, with: next }])}
              title={rt('merge')}
              aria-label={rt('merge')}
            />
            <Button size="small" type="text" icon={<ScissorOutlined />} disabled={busy} onClick={() => onSplit(d.i)} title={rt('split')} aria-label={rt('split')} />
          </Space>
        );
      },
    },
  ];

  return (
    <div ref={root}>
      <Table
        className="review-table"
        size="small"
        rowKey={(r) => r.d.i}
        columns={columns}
        dataSource={rows as { d: DraftDirectiveView; depth: number }[]}
        pagination={false}
        scroll={{ x: 1210 }}
        locale={{ emptyText: rt('empty') }}
        rowClassName={({ d }) => [d.keep ? '' : 'review-dropped', d.i === selected ? 'review-selected' : ''].filter(Boolean).join(' ')}
        onRow={({ d }) =>
          ({
            tabIndex: 0,
            'data-row': d.i,
            'data-testid': `directive-${d.i}`,
            'aria-selected': d.i === selected,
            onFocus: () => d.i !== selected && onSelect(d.i),
            onClick: () => d.i !== selected && onSelect(d.i),
            onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => onKey(e, d),
          }) as HTMLAttributes<HTMLTableRowElement>
        }
      />
    </div>
  );
}
