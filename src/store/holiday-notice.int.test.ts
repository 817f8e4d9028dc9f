import { expect, it } from 'vitest';
import { describeOnStores } from './testing/suite.js';
import { T0, seedTenant } from './testing/factories.js';

const NOTICE = { year: 2027, holidays: ['2027-01-01', '2027-02-05'], workdays: ['2027-02-13'], source: '国办发明电（测试）' };

describeOnStores('holiday notices', (t) => {
  it('stores a notice per year, replaces a year loaded again and keeps tenants apart', async () => {
    const a = await seedTenant(t.store);
    const b = await seedTenant(t.store);
    expect(await t.store.read.holidayNotices.list(a.tenantId)).toEqual([]);
    await t.store.transaction((tx) => tx.holidayNotices.put(a.tenantId, 2027, NOTICE, T0, 'admin'));
    await t.store.transaction((tx) => tx.holidayNotices.put(a.tenantId, 2028, { ...NOTICE, year: 2028, holidays: ['2028-01-01'], workdays: [] }, T0, null));
    const later = '2026-12-08T01:00:00.000Z';
    await t.store.transaction((tx) => tx.holidayNotices.put(a.tenantId, 2027, { ...NOTICE, holidays: ['2027-01-01'] }, later, 'admin2'));
    const list = await t.store.read.holidayNotices.list(a.tenantId);
    expect(list.map((n) => n.year)).toEqual([2027, 2028]);
    expect(list[0]).toEqual({ year: 2027, notice: { ...NOTICE, holidays: ['2027-01-01'] }, loadedAt: later, loadedBy: 'admin2' });
    expect(await t.store.read.holidayNotices.list(b.tenantId)).toEqual([]);
    await expect(t.store.transaction((tx) => tx.holidayNotices.put('no-such-tenant', 2027, NOTICE, T0, null))).rejects.toMatchObject({ code: 'reference_not_found' });
  });
});
