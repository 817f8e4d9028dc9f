import { describe, expect, it } from 'vitest';
import type { ItemView, Page } from '../../api/types.js';
import { countLights, drillHref, LIGHT_COUNT_CAP, lastMonths, pct, rankingCsv, statsParamsFrom } from './queries.js';

describe('assessment helpers', () => {
  it('gives the last months with their first and last days, across a year end and in leap years', () => {
    expect(lastMonths('2028-02-10', 3)).toEqual([
      { label: '2027-12', from: '2027-12-01', to: '2027-12-31' },
      { label: '2028-01', from: '2028-01-01', to: '2028-01-31' },
      { label: '2028-02', from: '2028-02-01', to: '2028-02-29' },
    ]);
  });

  it('reads a period only when both dates are valid, and keeps the API drill-down query as it is', () => {
    expect(statsParamsFrom(new URLSearchParams('from=2026-01-01'))).toMatchObject({ from: null, to: null, by: 'deadline', groupBy: 'leadUnit' });
    expect(statsParamsFrom(new URLSearchParams('from=2026-01-01&to=2026-03-31&by=closed&groupBy=ledgerType'))).toMatchObject({ from: '2026-01-01', to: '2026-03-31', by: 'closed', groupBy: 'ledgerType' });
    expect(drillHref('/api/v1/stats/items?metric=due&part=numerator&group=dept-wjw')).toBe('/stats/items?metric=due&part=numerator&group=dept-wjw');
    expect(drillHref(undefined)).toBe('');
  });

  it('writes the ranking as CSV Excel opens in Chinese, quoting and defusing formula-like cells', () => {
    const csv = rankingCsv(['名次', '单位'], [[1, '市卫生健康委员会'], [2, '=HYPERLINK("x")']]);
    expect(csv.startsWith('\uFEFF名次,单位\r\n1,市卫生健康委员会\r\n')).toBe(true);
    expect(csv).toContain(`2,"'=HYPERLINK(""x"")"`);
    expect(pct(0.5)).toBe('50.0%');
    expect(pct(null)).toBe('—');
  });

  it('counts each light by walking its pages side by side, and says N+ past the cap', async () => {
    const sizes: Record<string, number> = { red: 3, yellow: 0, green: LIGHT_COUNT_CAP + 500 };
    const asked: string[] = [];
    let inFlight = 0;
    let most = 0;
    const get = async (path: string): Promise<Page<ItemView>> => {
      asked.push(path);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      const q = new URLSearchParams(path.slice(path.indexOf('?') + 1));
      const total = sizes[q.get('light') ?? ''] ?? 0;
      const from = Number(q.get('cursor') ?? 0);
      const n = Math.max(0, Math.min(200, total - from));
      return { items: Array.from({ length: n }, () => ({}) as ItemView), nextCursor: from + n < total ? String(from + n) : null } as Page<ItemView>;
    };
    const counts = await countLights('directive', get);
    expect(counts).toEqual({ red: { n: 3, more: false }, yellow: { n: 0, more: false }, green: { n: LIGHT_COUNT_CAP, more: true } });
    expect(most).toBe(3);
    expect(asked.every((p) => p.includes('ledger=directive') && p.includes('state=assigned%2Cin_progress%2Cclosing'))).toBe(true);
  });
});
