import { Grid, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { ItemView, LedgerType } from '../../../api/types.js';
import { LightTag, StatusTag } from '../../../components/Tags.js';
import { cityDay } from '../../../i18n/dates.js';
import { useI18n, type T } from '../../../i18n/index.js';
import { useLocalised, useUnitName } from '../../ledgers/queries.js';
import { ItemCards } from './ItemCards.js';
import { deadlineText, itemPath, ProgressBar } from './item-cells.js';

export const BASE_COLUMNS = ['number', 'title', 'lead', 'state', 'light', 'deadline', 'progress', 'priority', 'co', 'originalDeadline', 'created'] as const;
export const DEFAULT_COLUMNS = ['number', 'title', 'lead', 'state', 'light', 'deadline', 'progress'];

/** The extra fields of a ledger type that fit a table cell (personal ones stay masked and out of lists). */
export const tableFields = (type: LedgerType | undefined) =>
  (type?.fields ?? []).filter((f) => !f.personal && ['text', 'enum', 'date', 'number', 'integer', 'boolean'].includes(f.kind));

function cell(value: unknown, t: T, options?: readonly { value: string; label: { zh: string; en: string } }[], lang?: 'zh' | 'en'): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (options) {
    const hit = options.find((o) => o.value === value);
    if (hit) return lang === 'en' ? hit.label.en : hit.label.zh;
  }
  if (typeof value === 'object') return (value as { $personal?: string }).$personal ? '***' : JSON.stringify(value);
  return String(value);
}

export interface ItemTableProps {
  readonly items: readonly ItemView[];
  readonly loading?: boolean;
  readonly type?: LedgerType;
  /** Column keys to show (base keys and `f:<field>`); all defaults when absent. */
  readonly columns?: readonly string[];
  readonly caption?: string;
  readonly size?: 'small' | 'middle';
  /** Rows ticked for a bulk action (the table only; cards on a phone have no selection). */
  readonly selection?: { readonly keys: readonly string[]; onChange(keys: string[]): void };
}

/**
 * Items as a table: number and title link to the item page; lights and states in words, not colour alone. Below
 * antd's `md` breakpoint (768 px) the same rows render as cards instead, since a wide table on a phone only scrolls
 * inside itself. `md === false` rather than `!md`: before antd has measured (the first render) the table stays, so
 * desktops never build cards; a phone's first render is replaced before it is painted.
 */
export function ItemTable(props: ItemTableProps) {
  const screens = Grid.useBreakpoint();
  if (screens.md === false) return <ItemCards items={props.items} loading={props.loading} caption={props.caption} />;
  return <ItemRows {...props} />;
}

function ItemRows({ items, loading, type, columns, caption, size = 'middle', selection }: ItemTableProps) {
  const { t, lang } = useI18n();
  const unitName = useUnitName();
  const localised = useLocalised();
  const shown = new Set(columns ?? DEFAULT_COLUMNS);
  const all: ColumnsType<ItemView> = [
    { key: 'number', title: t('col.number'), dataIndex: 'number', width: 190, render: (v: string, r) => <Link to={itemPath(r.id)}>{v}</Link> },
    {
      key: 'title',
      title: t('col.title'),
      dataIndex: 'title',
      width: 320,
      render: (v: string, r) => (
        <>
          {r.listing ? (
            <Tag color="red" data-testid="listed-flag">
              {t(`listing.${r.listing.level}`)}
            </Tag>
          ) : null}
          <Link to={itemPath(r.id)}>{v}</Link>
        </>
      ),
    },
    { key: 'lead', title: t('col.lead'), dataIndex: 'leadUnitId', width: 170, render: (v: string | null) => unitName(v) },
    { key: 'state', title: t('col.state'), dataIndex: 'status', width: 110, render: (v: ItemView['status']) => <StatusTag status={v} /> },
    { key: 'light', title: t('col.light'), dataIndex: 'light', width: 90, render: (v: ItemView['light']) => <LightTag light={v} plain /> },
    { key: 'deadline', title: t('col.deadline'), dataIndex: 'currentDeadline', width: 120, render: (_: string | null, r) => deadlineText(r, t) },
    { key: 'progress', title: t('col.progress'), dataIndex: 'progress', width: 130, render: (v: number) => <ProgressBar value={v} label={t('col.progress')} /> },
    { key: 'priority', title: t('col.priority'), dataIndex: 'priority', width: 80, render: (v: ItemView['priority']) => t(`priority.${v}`) },
    { key: 'co', title: t('col.co'), dataIndex: 'coUnitIds', width: 200, render: (v: string[]) => v.map(unitName).join('、') },
    { key: 'originalDeadline', title: t('col.originalDeadline'), dataIndex: 'originalDeadline', width: 120 },
    { key: 'created', title: t('col.created'), dataIndex: 'createdAt', width: 120, render: (v: string) => cityDay(v) },
    ...tableFields(type).map((f) => ({
      key: `f:${f.name}`,
      title: localised(f.label),
      width: 160,
      render: (_: unknown, r: ItemView) => {
        const text = cell(r.fields[f.name], t, f.options, lang);
        return (
          <span className="cell-ellipsis" title={text || undefined}>
            {text}
          </span>
        );
      },
    })),
  ];
  const visible = all.filter((c) => shown.has(String(c.key)));
  const width = visible.reduce((s, c) => s + (typeof c.width === 'number' ? c.width : 120), 0);
  const virtual = items.length > 100;
  return (
    <Table<ItemView>
      rowKey="id"
      size={size}
      loading={loading}
      columns={visible}
      dataSource={items as ItemView[]}
      rowSelection={selection ? { selectedRowKeys: [...selection.keys], onChange: (keys) => selection.onChange(keys.map(String)), preserveSelectedRowKeys: true } : undefined}
      pagination={false}
      virtual={virtual}
      scroll={virtual ? { x: width, y: 640 } : { x: width }}
      title={caption ? () => <Typography.Text strong>{caption}</Typography.Text> : undefined}
      locale={{ emptyText: t('common.empty') }}
    />
  );
}
