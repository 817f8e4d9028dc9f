/*
 * The ledger's filters, sort and page size live in the URL (shareable, back/forward work); this module is the
 * one translation between URLSearchParams, the filter object and the API's query.
 */
import { qs } from '../../api/client.js';

export const LIGHT_VALUES = ['red', 'yellow', 'green', 'none'] as const;
export const STATUS_VALUES = ['draft', 'assigned', 'in_progress', 'closing', 'closed', 'cancelled'] as const;
export const SORT_VALUES = ['updated_desc', 'created_desc', 'created_asc', 'deadline_asc', 'deadline_desc'] as const;
export const PAGE_SIZES = [20, 50, 100, 200] as const;

export type Sort = (typeof SORT_VALUES)[number];

export interface ItemFilter {
  readonly ledger: string | null;
  readonly state: readonly string[];
  readonly unit: readonly string[];
  readonly light: readonly string[];
  readonly q: string;
  readonly deadlineFrom: string | null;
  readonly deadlineTo: string | null;
  readonly sort: Sort;
  readonly size: number;
  readonly parent: string | null;
  /** 挂牌督办 items only: listed at any level, or at the city's or a district's. */
  readonly listed: Listed | null;
  /** 回头看 due: closed items whose re-check waits (the desk's box opens the ledger so). */
  readonly recheck: 'due' | null;
  /** 定期报送 due by the end of this week (the desk's box opens the ledger so). */
  readonly reportDue: 'week' | null;
}

export const LISTED_VALUES = ['any', 'city', 'district'] as const;
export type Listed = (typeof LISTED_VALUES)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const list = (p: URLSearchParams, key: string, allowed?: readonly string[]): string[] =>
  (p.get(key) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && (!allowed || allowed.includes(s)));

/** Reads the filter from a URL's search params; junk values are dropped rather than sent to the server. */
export function filterFromParams(p: URLSearchParams, ledger: string | null = null): ItemFilter {
  const sort = p.get('sort');
  const size = Number(p.get('size'));
  const from = p.get('from');
  const to = p.get('to');
  return {
    ledger,
    state: list(p, 'state', STATUS_VALUES),
    unit: list(p, 'unit'),
    light: list(p, 'light', LIGHT_VALUES),
    q: (p.get('q') ?? '').trim().slice(0, 200),
    deadlineFrom: from && DATE.test(from) ? from : null,
    deadlineTo: to && DATE.test(to) ? to : null,
    sort: (SORT_VALUES as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'updated_desc',
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : 50,
    parent: p.get('parent'),
    listed: (LISTED_VALUES as readonly string[]).includes(p.get('listed') ?? '') ? (p.get('listed') as Listed) : null,
    recheck: p.get('recheck') === 'due' ? 'due' : null,
    reportDue: p.get('reportDue') === 'week' ? 'week' : null,
  };
}

/** Writes the filter back (defaults left out, so plain URLs stay plain). */
export function paramsFromFilter(f: ItemFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.state.length) p.set('state', f.state.join(','));
  if (f.unit.length) p.set('unit', f.unit.join(','));
  if (f.light.length) p.set('light', f.light.join(','));
  if (f.q) p.set('q', f.q);
  if (f.deadlineFrom) p.set('from', f.deadlineFrom);
  if (f.deadlineTo) p.set('to', f.deadlineTo);
  if (f.sort !== 'updated_desc') p.set('sort', f.sort);
  if (f.size !== 50) p.set('size', String(f.size));
  if (f.parent) p.set('parent', f.parent);
  if (f.listed) p.set('listed', f.listed);
  if (f.recheck) p.set('recheck', f.recheck);
  if (f.reportDue) p.set('reportDue', f.reportDue);
  return p;
}

/** The API query of a filter (GET /items and GET /items/export take the same names). */
export function apiQuery(f: ItemFilter): Record<string, string | readonly string[] | undefined> {
  return {
    ledger: f.ledger ?? undefined,
    state: f.state,
    unit: f.unit,
    light: f.light,
    q: f.q || undefined,
    deadlineFrom: f.deadlineFrom ?? undefined,
    deadlineTo: f.deadlineTo ?? undefined,
    sort: f.sort,
    parent: f.parent ?? undefined,
    listed: f.listed ?? undefined,
    recheck: f.recheck ?? undefined,
    reportDue: f.reportDue ?? undefined,
  };
}

/** The API path of one page of a filtered list (also started at boot, so both must ask for the very same path). */
export function itemPagePath(f: ItemFilter, cursor: string | null): string {
  return `/items${qs({ ...apiQuery(f), limit: f.size, cursor })}`;
}

/** A stable key for a filter without its page size (cursors of one filter are reused across pages). */
export const filterKey = (f: ItemFilter): string => JSON.stringify(apiQuery(f)) + `|${f.size}`;

/** A filter a person sets on the ledger (sort, page size and the parent link are not counted). */
export type FilterName = 'q' | 'unit' | 'state' | 'light' | 'deadline' | 'listed' | 'recheck' | 'reportDue';

/** What clears each filter, as a patch of the filter object. */
export const CLEARED: Readonly<Record<FilterName, Partial<ItemFilter>>> = {
  q: { q: '' },
  unit: { unit: [] },
  state: { state: [] },
  light: { light: [] },
  deadline: { deadlineFrom: null, deadlineTo: null },
  listed: { listed: null },
  recheck: { recheck: null },
  reportDue: { reportDue: null },
};

/**
 * The filters in force, in the order of the filter bar: the phone's 筛选 button counts them and, folded, shows
 * each as a closable tag. A deadline range counts once, whichever of its ends is set.
 */
export function activeFilters(f: ItemFilter): FilterName[] {
  const on: Record<FilterName, boolean> = {
    q: f.q !== '',
    unit: f.unit.length > 0,
    state: f.state.length > 0,
    light: f.light.length > 0,
    deadline: f.deadlineFrom !== null || f.deadlineTo !== null,
    listed: f.listed !== null,
    recheck: f.recheck !== null,
    reportDue: f.reportDue !== null,
  };
  return (Object.keys(CLEARED) as FilterName[]).filter((k) => on[k]);
}
