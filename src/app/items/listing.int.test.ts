import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { errorCode as code, seedCity, testClock, testDeps } from '../testing/city.js';
import { createItem, listItems, performAction, showItem, verifyRecord } from '../index.js';

describe.each(DIALECTS)('挂牌督办 / 摘牌 through the app on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** A hazard of 东城区 (owned by the district), assigned to its street, accepted. */
  async function districtHazard() {
    const clock = testClock('2026-03-02T02:00:00.000Z');
    const deps = testDeps(t.store, clock);
    const city = await seedCity(deps);
    const { as } = city;
    const fields = { inspectionDate: '2026-03-01', place: '和平街道燃气调压站', category: 'equipment', level: 'general', photosBefore: ['file:before'] };
    const { item } = await createItem(deps, as('d1sup'), { ledgerType: 'hazard', title: '燃气调压站安全隐患整治', fields, ownerUnitId: 'd1' });
    await performAction(deps, as('d1sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'd1s1', deadline: '2026-03-31' } });
    await performAction(deps, as('street'), item.id, { type: 'AcceptItem', data: {} });
    const close = async () => {
      await performAction(deps, as('street'), item.id, { type: 'RequestClosure', data: { summary: '已整改', evidence: ['file:1'], fields: { photosAfter: ['file:after'] } } });
      // Every closure stage of the type (复查验收 …), passed by the district's supervisor.
      let current = (await showItem(deps, as('d1sup'), item.id)).item;
      while (current.status === 'closing') current = (await performAction(deps, as('d1sup'), item.id, { type: 'PassStage', data: {} })).item;
      return current;
    };
    return { deps, clock, ...city, item, close };
  }

  it.skipIf(skip)('lists an item at district level: the flag shows on the item, in the listed filter, and on the chain', async () => {
    const { deps, as, tenantId, item } = await districtHazard();
    expect(await code(performAction(deps, as('street'), item.id, { type: 'ListItem', data: { level: 'district', reason: '涉及燃气安全' } }))).toBe('forbidden');
    expect(await code(performAction(deps, as('d1sup'), item.id, { type: 'ListItem', data: { level: 'city', reason: '涉及燃气安全' } }))).toBe('forbidden');
    const { item: listed } = await performAction(deps, as('d1sup'), item.id, { type: 'ListItem', data: { level: 'district', reason: '涉及燃气安全,区级挂牌' } });
    expect(listed.listing).toMatchObject({ level: 'district', reason: '涉及燃气安全,区级挂牌', by: 'u-d1sup', unitId: 'd1' });
    expect(await code(performAction(deps, as('sup'), item.id, { type: 'ListItem', data: { level: 'city', reason: '再挂一次' } }))).toBe('invalid_transition');

    await createItem(deps, as('d1sup'), {
      ledgerType: 'hazard',
      title: '未挂牌的隐患',
      fields: { inspectionDate: '2026-03-01', place: '某处', category: 'fire', level: 'general', photosBefore: ['file:b'] },
      ownerUnitId: 'd1',
    });
    const ids = async (listed: 'any' | 'city' | 'district') => (await listItems(deps, as('sup'), { listed })).items.map((r) => r.item.id);
    expect(await ids('any')).toEqual([item.id]);
    expect(await ids('district')).toEqual([item.id]);
    expect(await ids('city')).toEqual([]);
    expect((await showItem(deps, as('street'), item.id)).timeline.map((e) => e.type)).toContain('ItemListed');
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
  });

  it.skipIf(skip)('turns a listed item yellow earlier than an unlisted one', async () => {
    const { deps, as, clock, item } = await districtHazard();
    clock.now = new Date('2026-03-23T02:00:00.000Z'); // Monday: six working days to the 31st
    await performAction(deps, as('street'), item.id, { type: 'ReportProgress', data: { text: '已完成主要整改', percent: 90 } });
    expect((await showItem(deps, as('d1sup'), item.id)).light).toMatchObject({ light: 'green', reasons: [] });
    await performAction(deps, as('d1sup'), item.id, { type: 'ListItem', data: { level: 'district', reason: '重大隐患' } });
    const shown = await showItem(deps, as('d1sup'), item.id);
    expect(shown.light.light).toBe('yellow');
    expect(shown.light.reasons).toEqual([expect.objectContaining({ code: 'deadline_near', workingDaysLeft: 6 })]);
  });

  it.skipIf(skip)('摘牌 waits for the item to pass acceptance, and takes the supervisor who listed it or one above', async () => {
    const { deps, as, item, close } = await districtHazard();
    await performAction(deps, as('d1sup'), item.id, { type: 'ListItem', data: { level: 'district', reason: '涉及燃气安全' } });
    expect(await code(performAction(deps, as('d1sup'), item.id, { type: 'UnlistItem', data: {} }))).toBe('invalid_transition');
    const closed = await close();
    expect(closed.status).toBe('closed');
    expect(closed.listing).not.toBeNull();
    expect(await code(performAction(deps, as('street'), item.id, { type: 'UnlistItem', data: {} }))).toBe('forbidden');
    // The city's supervisor is above the district's: they may unlist its listing.
    const { item: unlisted, events } = await performAction(deps, as('sup'), item.id, { type: 'UnlistItem', data: { note: '整改到位,准予摘牌' } });
    expect(unlisted.listing).toBeNull();
    expect(events.map((e) => e.type)).toEqual(['ItemUnlisted']);
    expect((await listItems(deps, as('sup'), { listed: 'any' })).items).toEqual([]);
    expect(await code(performAction(deps, as('d1sup'), item.id, { type: 'UnlistItem', data: {} }))).toBe('invalid_transition');
  });
});
