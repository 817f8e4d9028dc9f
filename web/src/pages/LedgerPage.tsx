import { DeleteOutlined, DownloadOutlined, ImportOutlined, PlusOutlined, SaveOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Dropdown, Grid, Input, Popover, Select, Space, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageLoading } from '../components/PageLoading.js';
import { FilterTags } from '../features/items/components/FilterTags.js';
import { BASE_COLUMNS, DEFAULT_COLUMNS, ItemTable, tableFields } from '../features/items/components/ItemTable.js';
import { activeFilters, filterFromParams, LIGHT_VALUES, PAGE_SIZES, paramsFromFilter, SORT_VALUES, STATUS_VALUES, filterKey, type ItemFilter } from '../features/items/filters.js';
import { exportUrl, useItemPage, useLedgerCounts } from '../features/items/queries.js';
import { useSavedViews } from '../features/items/saved-views.js';
import { useCursorPages } from '../features/items/use-cursor-pages.js';
import { useLedgerTypes, useLocalised, useUnitOptions, useUnits } from '../features/ledgers/queries.js';
import { useMe } from '../features/session/queries.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import type { ItemView } from '../api/types.js';
import { BULK_ACTIONS as BULK_SLUGS, type BulkSlug } from '../features/items/components/bulk-actions.js';

// The date picker's code loads after the ledger's first render (the first page's JavaScript budget).
const DeadlineRange = lazy(() => import('../features/items/components/DeadlineRange.js'));

const ImportDialog = lazy(() => import('../features/items/components/ImportDialog.js').then((m) => ({ default: m.ImportDialog })));
const BulkDialog = lazy(() => import('../features/items/components/BulkDialog.js').then((m) => ({ default: m.BulkDialog })));
const CreateItemDialog = lazy(() => import('../features/items/components/CreateItemDialog.js').then((m) => ({ default: m.CreateItemDialog })));

/** 台账: one table per ledger type with its columns, filters in the URL, server paging, export of the filtered list. */
export default function LedgerPage() {
  const { t, lang } = useI18n();
  const { type } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe().data;
  const types = useLedgerTypes();
  const units = useUnits();
  const localised = useLocalised();
  const unitOptions = useUnitOptions();
  const filter = useMemo(() => filterFromParams(params, type ?? null), [params, type]);
  const pages = useCursorPages(filterKey(filter));
  const saved = useSavedViews(type ?? 'all');
  const [viewName, setViewName] = useState('');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<ItemView[]>([]);
  const [bulk, setBulk] = useState<BulkSlug | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const page = useItemPage(filter, pages.cursor);
  // Bulk actions are a supervisor's (the server still judges each item by the loop's rules).
  const supervisor = me?.auth === 'session' && me.user.roles.includes('supervisor');
  // Ticks survive paging: the items ticked on other pages are kept, those of this page follow the table.
  const select = (keys: string[]) => {
    const known = new Map([...selected, ...(page.data?.items ?? [])].map((i) => [i.id, i]));
    setSelected(keys.map((k) => known.get(k)).filter((i): i is ItemView => i !== undefined));
  };
  const counts = useLedgerCounts(filter).data;
  const ledgerType = types.data?.find((x) => x.key === type);
  // 上报: a handler (or leader) registers an item of a type that lets its role report, for its own unit.
  const canReport = me?.auth === 'session' && !!ledgerType?.reporting?.roles.some((r) => (me.user.roles as readonly string[]).includes(r));
  const screens = Grid.useBreakpoint();
  // On a phone the filter bar folds behind one 筛选 button (with the number in force) so the first card shows.
  const phone = screens.md === false;
  const active = activeFilters(filter).length;
  const columns = params.get('cols')?.split(',').filter(Boolean) ?? [
    ...DEFAULT_COLUMNS,
    ...tableFields(ledgerType)
      .slice(0, 2)
      .map((f) => `f:${f.name}`),
  ];

  const update = (patch: Partial<ItemFilter>, cols: readonly string[] | null = null) => {
    const next = paramsFromFilter({ ...filter, ...patch });
    const c = cols ?? params.get('cols')?.split(',');
    if (c) next.set('cols', c.join(','));
    setParams(next);
  };
  // The first screen renders once, with its rows, their columns and the units' names (all asked for at boot),
  // rather than empty first and then laid out again as each answer arrives. Errors do not hold it back.
  if (page.isPending || types.isPending || units.isPending) return <PageLoading />;

  const columnChoices = [
    ...BASE_COLUMNS.map((k) => ({ value: k, label: t(`col.${k === 'state' ? 'state' : k}` as MessageKey) })),
    ...tableFields(ledgerType).map((f) => ({ value: `f:${f.name}`, label: localised(f.label) })),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {ledgerType ? localised(ledgerType.name) : t('ledger.title')}
        </Typography.Title>
        {me?.can.createItems ? (
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-item">
              {t('ledger.newItem')}
            </Button>
            <Button icon={<ImportOutlined />} onClick={() => void navigate('/readouts/new')}>
              {t('nav.import')}
            </Button>
          </Space>
        ) : canReport ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="report-item">
            {t('ledger.report')}
          </Button>
        ) : null}
      </div>
      <Tabs
        activeKey={type ?? 'all'}
        onChange={(k) => navigate({ pathname: k === 'all' ? '/ledgers' : `/ledgers/${k}`, search: paramsFromFilter({ ...filter, ledger: null }).toString() })}
        items={[
          { key: 'all', label: withCount(t('ledger.all'), counts?.total) },
          ...(types.data ?? []).map((x) => ({ key: x.key, label: withCount(localised(x.name), counts ? (counts.ledger?.[x.key] ?? 0) : undefined) })),
        ]}
      />
      <Card size="small" title={phone ? undefined : t('ledger.filters')}>
        {phone ? (
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: filtersOpen ? 8 : 0 }}>
            <Button aria-expanded={filtersOpen} aria-controls="ledger-filters" onClick={() => setFiltersOpen(!filtersOpen)} data-testid="filters-toggle">
              {withCount(t('ledger.filters'), active || undefined)}
            </Button>
            {filtersOpen ? null : <FilterTags filter={filter} unitName={(id) => unitOptions.find((u) => u.value === id)?.label ?? id} onChange={update} />}
          </div>
        ) : null}
        <Space wrap size="small" style={{ width: '100%', display: phone && !filtersOpen ? 'none' : undefined }} id="ledger-filters">
          <Input.Search
            key={filter.q}
            defaultValue={filter.q}
            placeholder={t('ledger.text')}
            aria-label={t('ledger.text')}
            allowClear
            onSearch={(q) => update({ q: q.trim() })}
            style={{ width: 240 }}
            data-testid="ledger-search"
          />
          {filter.listed ? (
            <Tag closable color="red" onClose={() => update({ listed: null })} data-testid="ledger-listed">
              {filter.listed === 'any' ? t('ledger.listedAny') : t(`listing.${filter.listed}`)}
            </Tag>
          ) : null}
          {filter.recheck ? (
            <Tag closable color="orange" onClose={() => update({ recheck: null })}>
              {t('recheck.due')}
            </Tag>
          ) : null}
          {filter.reportDue ? (
            <Tag closable color="orange" onClose={() => update({ reportDue: null })}>
              {t('desk.reportsDue')}
            </Tag>
          ) : null}
          <Select
            mode="multiple"
            allowClear
            placeholder={t('ledger.unit')}
            aria-label={t('ledger.unit')}
            value={[...filter.unit]}
            onChange={(v: string[]) => update({ unit: v })}
            options={unitOptions}
            optionFilterProp="label"
            style={{ minWidth: 200 }}
            maxTagCount="responsive"
          />
          <Select
            mode="multiple"
            allowClear
            placeholder={t('ledger.state')}
            aria-label={t('ledger.state')}
            value={[...filter.state]}
            onChange={(v: string[]) => update({ state: v })}
            options={STATUS_VALUES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            style={{ minWidth: 160 }}
            maxTagCount="responsive"
          />
          <Select
            mode="multiple"
            allowClear
            placeholder={t('ledger.light')}
            aria-label={t('ledger.light')}
            value={[...filter.light]}
            onChange={(v: string[]) => update({ light: v })}
            options={LIGHT_VALUES.map((s) => ({ value: s, label: t(`light.${s}`) }))}
            style={{ minWidth: 140 }}
            maxTagCount="responsive"
          />
          <span role="group" aria-labelledby="ledger-deadline-range" style={{ display: 'inline-flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
            <span id="ledger-deadline-range">{t('ledger.deadlineRange')}</span>
            <Suspense fallback={<Input disabled aria-hidden style={{ width: 260 }} />}>
              <DeadlineRange from={filter.deadlineFrom} to={filter.deadlineTo} onChange={update} />
            </Suspense>
          </span>
          <Select
            aria-label={t('ledger.sort')}
            value={filter.sort}
            onChange={(v) => update({ sort: v })}
            options={SORT_VALUES.map((s) => ({ value: s, label: t(`ledger.sort.${s}`) }))}
            style={{ width: 140 }}
          />
          <Button onClick={() => setParams(new URLSearchParams())}>{t('common.reset')}</Button>
          {/* Columns are the table's: at phone width the ledger shows cards (see ItemTable), so there is nothing to pick. */}
          {screens.md !== false && (
            <Popover
              trigger="click"
              title={t('ledger.columns')}
              content={
                <Checkbox.Group
                  value={columns}
                  onChange={(v) => update({}, v as string[])}
                  style={{ display: 'flex', flexDirection: 'column', maxHeight: 320, overflow: 'auto' }}
                  options={columnChoices}
                />
              }
            >
              <Button icon={<SettingOutlined />}>{t('ledger.columns')}</Button>
            </Popover>
          )}
          <Dropdown
            trigger={['click']}
            dropdownRender={() => (
              <Card size="small" style={{ width: 260 }}>
                <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
                  <Input placeholder={t('ledger.viewName')} aria-label={t('ledger.viewName')} value={viewName} onChange={(e) => setViewName(e.target.value)} maxLength={40} />
                  <Button
                    icon={<SaveOutlined />}
                    aria-label={t('ledger.saveView')}
                    title={t('ledger.saveView')}
                    disabled={!viewName.trim()}
                    onClick={() => {
                      saved.save(viewName, params.toString());
                      setViewName('');
                    }}
                  />
                </Space.Compact>
                {saved.views.length === 0 ? <Typography.Text type="secondary">{t('ledger.noViews')}</Typography.Text> : null}
                {saved.views.map((v) => (
                  <div key={v.name} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                    <Button type="link" size="small" onClick={() => setParams(new URLSearchParams(v.search))}>
                      {v.name}
                    </Button>
                    <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={`${t('ledger.removeView')} ${v.name}`} onClick={() => saved.remove(v.name)} />
                  </div>
                ))}
              </Card>
            )}
          >
            <Button icon={<SaveOutlined />}>{t('ledger.views')}</Button>
          </Dropdown>
          {me?.can.export ? (
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'xlsx',
                    label: (
                      <a href={exportUrl(filter, 'xlsx', lang)} download>
                        {t('ledger.exportXlsx')}
                      </a>
                    ),
                  },
                  {
                    key: 'csv',
                    label: (
                      <a href={exportUrl(filter, 'csv', lang)} download>
                        {t('ledger.exportCsv')}
                      </a>
                    ),
                  },
                ],
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('ledger.export')}</Button>
            </Dropdown>
          ) : null}
          {me?.can.createItems && ledgerType ? (
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              {t('ledger.import')}
            </Button>
          ) : null}
        </Space>
      </Card>
      {page.isError ? <ErrorAlert error={page.error} onRetry={() => void page.refetch()} /> : null}
      {supervisor && selected.length > 0 ? (
        <Card size="small" data-testid="bulk-bar">
          <Space wrap>
            <Typography.Text>{t('bulk.selected', { n: selected.length })}</Typography.Text>
            {BULK_SLUGS.map((slug) => (
              <Button key={slug} danger={slug === 'cancel'} onClick={() => setBulk(slug)} data-testid={`bulk-${slug}`}>
                {t(`action.${slug}`)}
              </Button>
            ))}
            <Button type="link" onClick={() => setSelected([])}>
              {t('bulk.clear')}
            </Button>
          </Space>
        </Card>
      ) : null}
      <ItemTable
        items={page.data?.items ?? []}
        loading={page.isFetching}
        type={ledgerType}
        columns={columns}
        selection={supervisor ? { keys: selected.map((i) => i.id), onChange: select } : undefined}
      />
      <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
        <Button disabled={!pages.hasPrev} onClick={pages.prev}>
          {t('common.prev')}
        </Button>
        <Typography.Text aria-live="polite">{t('common.page', { n: pages.index + 1 })}</Typography.Text>
        <Button disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && pages.next(page.data.nextCursor)} data-testid="next-page">
          {t('common.next')}
        </Button>
        <Select
          aria-label={t('common.perPage')}
          value={filter.size}
          onChange={(v) => update({ size: v })}
          options={PAGE_SIZES.map((n) => ({ value: n, label: `${t('common.perPage')} ${n}` }))}
          style={{ width: 120 }}
        />
      </Space>
      {importing && ledgerType ? (
        <Suspense fallback={null}>
          <ImportDialog
            ledger={ledgerType.key}
            onClose={(written) => {
              setImporting(false);
              if (written) void page.refetch();
            }}
          />
        </Suspense>
      ) : null}
      {bulk ? (
        <Suspense fallback={null}>
          <BulkDialog
            slug={bulk}
            items={selected}
            onClose={(acted) => {
              setBulk(null);
              if (acted) {
                setSelected([]);
                void page.refetch();
              }
            }}
          />
        </Suspense>
      ) : null}
      {creating && (ledgerType || me?.can.createItems) ? (
        <Suspense fallback={null}>
          <CreateItemDialog
            type={ledgerType ?? null}
            types={types.data ?? []}
            canAssign={Boolean(me?.can.createItems)}
            onCancel={() => setCreating(false)}
            onCreated={(id) => void navigate(`/items/${encodeURIComponent(id)}`)}
          />
        </Suspense>
      ) : null}
    </Space>
  );
}

/** A tab's label with the number of items the filter holds there, once counted. */
function withCount(label: string, n: number | undefined): string {
  return n === undefined ? label : `${label} (${n})`;
}
