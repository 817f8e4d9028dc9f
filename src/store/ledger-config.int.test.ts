import { expect, it } from 'vitest';
import { describeOnStores } from './testing/suite.js';
import { T0, seedTenant } from './testing/factories.js';

const CONFIG = {
  overrides: { directive: { name: { zh: '督办事项', en: 'Supervised matter' }, defaultTimeLimit: { amount: 15, unit: 'working_days' } } },
  disabled: ['school_plan'],
};

describeOnStores('ledger configuration', (t) => {
  it('has none stored for a new tenant, stores the first at version 1 and round-trips it with Chinese text', async () => {
    const { tenantId } = await seedTenant(t.store);
    expect(await t.store.read.ledgerConfigs.get(tenantId)).toBeUndefined();
    expect(await t.store.transaction((tx) => tx.ledgerConfigs.put(tenantId, 0, CONFIG, T0, 'sup'))).toBe(1);
    expect(await t.store.read.ledgerConfigs.get(tenantId)).toEqual({ tenantId, config: CONFIG, version: 1, updatedAt: T0, updatedBy: 'sup' });
  });

  it('replaces it only from the version read: a stale write is refused with version_conflict and changes nothing', async () => {
    const { tenantId } = await seedTenant(t.store);
    await t.store.transaction((tx) => tx.ledgerConfigs.put(tenantId, 0, CONFIG, T0, 'sup'));
    const later = '2026-03-02T02:00:00.000Z';
    expect(await t.store.transaction((tx) => tx.ledgerConfigs.put(tenantId, 1, { disabled: [] }, later, null))).toBe(2);
    await expect(t.store.transaction((tx) => tx.ledgerConfigs.put(tenantId, 1, { disabled: ['hazard'] }, later, 'sup'))).rejects.toMatchObject({ code: 'version_conflict' });
    // A second "first" write (two admins starting from nothing) is stale too.
    await expect(t.store.transaction((tx) => tx.ledgerConfigs.put(tenantId, 0, {}, later, 'sup'))).rejects.toMatchObject({ code: 'version_conflict' });
    expect(await t.store.read.ledgerConfigs.get(tenantId)).toMatchObject({ config: { disabled: [] }, version: 2, updatedAt: later, updatedBy: null });
  });

  it('keeps tenants apart and refuses an unknown tenant', async () => {
    const a = await seedTenant(t.store);
    const b = await seedTenant(t.store);
    await t.store.transaction((tx) => tx.ledgerConfigs.put(a.tenantId, 0, CONFIG, T0, 'sup'));
    expect(await t.store.read.ledgerConfigs.get(b.tenantId)).toBeUndefined();
    await expect(t.store.transaction((tx) => tx.ledgerConfigs.put('no-such-tenant', 0, CONFIG, T0, null))).rejects.toMatchObject({ code: 'reference_not_found' });
  });

  it('rolls the write back with the transaction it belongs to', async () => {
    const { tenantId } = await seedTenant(t.store);
    await expect(
      t.store.transaction(async (tx) => {
        await tx.ledgerConfigs.put(tenantId, 0, CONFIG, T0, 'sup');
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await t.store.read.ledgerConfigs.get(tenantId)).toBeUndefined();
  });
});
