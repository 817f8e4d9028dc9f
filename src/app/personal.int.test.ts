import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { seedCity, testClock, testDeps } from './testing/city.js';
import { createItem, erasePersonal, ERASED_VIEW, listItems, MASKED, revealPersonal, showItem, verifyRecord } from './index.js';

const PARTIES = [{ name: '张晓明', gender: 'male', age: 52, phone: '13812345678' }];

describe.each(DIALECTS)('personal information of a case on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function dispute() {
    const deps = testDeps(t.store, testClock());
    const city = await seedCity(deps);
    const { item } = await createItem(deps, city.as('d1sup'), {
      ledgerType: 'dispute',
      title: '邻里漏水纠纷',
      fields: { screeningDate: '2026-03-01', category: 'neighbourhood', parties: PARTIES, riskLevel: 'yellow' },
    });
    return { deps, ...city, item };
  }

  it.skipIf(skip)('is masked in lists and item pages and revealed only with a reason, each read recorded', async () => {
    const { deps, as, tenantId, item } = await dispute();
    expect((await showItem(deps, as('d1sup'), item.id)).item.fields.parties).toEqual(MASKED);
    expect((await listItems(deps, as('d1sup'))).items[0]?.item.fields.parties).toEqual(MASKED);
    const created = (await showItem(deps, as('d1sup'), item.id)).timeline[0]!.data as { fields: Record<string, unknown> };
    expect(created.fields.parties).toEqual(MASKED);
    await expect(revealPersonal(deps, as('d1sup'), item.id, ' ')).rejects.toMatchObject({ code: 'personal_data_forbidden' });
    expect(await revealPersonal(deps, as('d1sup'), item.id, '调解回访需要联系当事人')).toEqual({ parties: PARTIES });
    const reads = (await t.store.read.events.listByItem(tenantId, item.id)).filter((e) => e.type === 'PersonalDataRead');
    expect(reads).toHaveLength(1);
    expect(reads[0]!.payload).toEqual({ fields: ['parties'], reason: '调解回访需要联系当事人' });
  });

  it.skipIf(skip)('reads as erased once the case key is destroyed, while the chain still verifies', async () => {
    const { deps, as, tenantId, item } = await dispute();
    expect(await erasePersonal(deps, as('d1sup'), item.id, '当事人依法申请删除')).toBe(true);
    expect((await showItem(deps, as('d1sup'), item.id)).item.fields.parties).toEqual(ERASED_VIEW);
    expect(await revealPersonal(deps, as('d1sup'), item.id, '核对')).toEqual({ parties: ERASED_VIEW });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
    if (name === 'sqlite') {
      await t.store.checkpoint();
      const file = readFileSync((t.config.database as { file: string }).file);
      for (const secret of ['张晓明', '13812345678']) expect(file.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
  });
});
