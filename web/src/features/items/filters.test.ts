import { describe, expect, it } from 'vitest';
import { activeFilters, apiQuery, CLEARED, filterFromParams, filterKey, paramsFromFilter } from './filters.js';

describe('ledger filters in the URL', () => {
  it('reads state, unit, light, text, deadline range, sort and size, and writes them back unchanged', () => {
    const url = new URLSearchParams('state=assigned,in_progress&unit=dept-wjw&light=red&q=防控&from=2026-01-01&to=2026-12-31&sort=deadline_asc&size=100');
    const f = filterFromParams(url, 'directive');
    expect(f).toMatchObject({
      ledger: 'directive',
      state: ['assigned', 'in_progress'],
      unit: ['dept-wjw'],
      light: ['red'],
      q: '防控',
      deadlineFrom: '2026-01-01',
      deadlineTo: '2026-12-31',
      sort: 'deadline_asc',
      size: 100,
    });
    expect(paramsFromFilter(f).toString()).toBe(url.toString());
  });

  it('keeps the 挂牌督办 filter from the desk’s link through the URL to the API', () => {
    const f = filterFromParams(new URLSearchParams('listed=any&state=assigned,in_progress,closing'));
    expect(f.listed).toBe('any');
    expect(apiQuery(f).listed).toBe('any');
    expect(paramsFromFilter(f).get('listed')).toBe('any');
    expect(filterFromParams(new URLSearchParams('listed=province')).listed).toBeNull();
  });

  it('drops values the API would refuse instead of sending them', () => {
    const f = filterFromParams(new URLSearchParams('state=open,closed&light=purple&from=2026-13&sort=random&size=7'));
    expect(f.state).toEqual(['closed']);
    expect(f.light).toEqual([]);
    expect(f.deadlineFrom).toBeNull();
    expect(f.sort).toBe('updated_desc');
    expect(f.size).toBe(50);
  });

  it('leaves defaults out of the URL and out of the filter key only where they do not change the list', () => {
    const plain = filterFromParams(new URLSearchParams(''));
    expect(paramsFromFilter(plain).toString()).toBe('');
    expect(filterKey(plain)).not.toBe(filterKey({ ...plain, light: ['red'] }));
    expect(apiQuery({ ...plain, q: '' }).q).toBeUndefined();
  });
});

describe('the filters in force (the phone’s 筛选 button)', () => {
  it('counts each filter set once, a deadline range with one end included, and not sort, page size or parent', () => {
    expect(activeFilters(filterFromParams(new URLSearchParams('sort=deadline_asc&size=100&parent=i1')))).toEqual([]);
    const f = filterFromParams(new URLSearchParams('state=assigned,in_progress&unit=dept-wjw&q=防控&to=2026-12-31&listed=any&recheck=due'));
    expect(activeFilters(f)).toEqual(['q', 'unit', 'state', 'deadline', 'listed', 'recheck']);
    expect(activeFilters(filterFromParams(new URLSearchParams('light=red&reportDue=week')))).toEqual(['light', 'reportDue']);
  });

  it('clears one filter with its patch and leaves the others', () => {
    const f = filterFromParams(new URLSearchParams('state=closed&from=2026-01-01&to=2026-02-01&q=防汛'));
    const rest = { ...f, ...CLEARED.deadline };
    expect(activeFilters(rest)).toEqual(['q', 'state']);
    expect(paramsFromFilter(rest).toString()).toBe(new URLSearchParams('state=closed&q=防汛').toString());
  });
});
