// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/index.js';
import { stubMatchMedia } from '../../../testing/dom.js';
import { filterFromParams } from '../filters.js';
import { FilterTags } from './FilterTags.js';

/* The phone's folded filter bar: each filter in force as one closable tag in words, its × clearing only it. */
beforeAll(stubMatchMedia);
afterEach(cleanup);

const names: Record<string, string> = { 'dept-wjw': '市卫生健康委员会', 'dept-jyj': '市教育局' };

describe(FilterTags.name, () => {
  it('names each filter in force and clears one with its ×', () => {
    const onChange = vi.fn();
    const filter = filterFromParams(new URLSearchParams('q=防汛&unit=dept-wjw,dept-jyj&state=assigned,in_progress&light=red&from=2026-01-01&listed=city&sort=deadline_asc'));
    render(
      <I18nProvider lang="zh">
        <FilterTags filter={filter} unitName={(id) => names[id] ?? id} onChange={onChange} />
      </I18nProvider>,
    );
    const tags = screen.getByTestId('filter-tags');
    expect([...tags.querySelectorAll('.ant-tag')].map((t) => t.textContent)).toEqual([
      '防汛',
      '市卫生健康委员会或市教育局',
      '待签收或办理中',
      '预警：红灯',
      '办结时限：2026-01-01 ~',
      '市级挂牌',
    ]);
    fireEvent.click(screen.getByTestId('filter-tag-state').querySelector('.ant-tag-close-icon')!);
    expect(onChange).toHaveBeenCalledWith({ state: [] });
  });

  it('shows nothing when no filter is set (sort alone is not one)', () => {
    render(
      <I18nProvider lang="zh">
        <FilterTags filter={filterFromParams(new URLSearchParams('sort=created_asc'))} unitName={(id) => id} onChange={() => undefined} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('filter-tags').children).toHaveLength(0);
  });
});
