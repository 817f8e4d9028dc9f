import { describe, expect, it } from 'vitest';
import { drillHref, lastMonths, lightHref, pct, rankingCsv, statsParamsFrom } from './queries.js';

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
    expect(statsParamsFrom(new URLSearchParams('from=2026-01-01&to=2026-03-31&by=closed&groupBy=ledgerType'))).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-31',
      by: 'closed',
      groupBy: 'ledgerType',
    });
    expect(drillHref('/api/v1/stats/items?metric=due&part=numerator&group=dept-wjw')).toBe('/stats/items?metric=due&part=numerator&group=dept-wjw');
    expect(drillHref(undefined)).toBe('');
  });

  it('writes the ranking as CSV Excel opens in Chinese, quoting and defusing formula-like cells', () => {
    const csv = rankingCsv(
      ['名次', '单位'],
      [
        [1, '市卫生健康委员会'],
        [2, '=HYPERLINK("x")'],
      ],
    );
    expect(csv.startsWith('\uFEFF名次,单位\r\n1,市卫生健康委员会\r\n')).toBe(true);
    expect(csv).toContain(`2,"'=HYPERLINK(""x"")"`);
    expect(pct(0.5)).toBe('50.0%');
    expect(pct(null)).toBe('—');
  });

  it('opens a light count on the ledger page filtered by its ledger type, unit and light', () => {
    expect(lightHref('/api/v1/items?ledger=directive&unit=dept-wjw&light=red')).toBe('/ledgers/directive?unit=dept-wjw&light=red');
    expect(lightHref('/api/v1/items?unit=dept-wjw&light=yellow')).toBe('/ledgers?unit=dept-wjw&light=yellow');
    expect(lightHref('/api/v1/items?light=green')).toBe('/ledgers?light=green');
    expect(lightHref('/api/v1/items?ledger=rectification&light=red')).toBe('/ledgers/rectification?light=red');
    // A unit id with reserved characters stays one value; a count without a link opens nothing.
    expect(new URLSearchParams(lightHref('/api/v1/items?unit=a%26b%3Dc&light=red').split('?')[1]).get('unit')).toBe('a&b=c');
    expect(lightHref(null)).toBe('');
    expect(lightHref(undefined)).toBe('');
  });
});
