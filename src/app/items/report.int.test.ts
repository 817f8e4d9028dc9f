import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../../domain/ledger-types/examples.js';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { addUnits, addUsers, createItem, listItems, performAction, showItem, verifyRecord } from '../index.js';
import { readLedgerConfig, setLedgerConfig } from '../ledger-types/config.js';
import { errorCode as code, seedCity, testClock, testDeps } from '../testing/city.js';

const DISPUTE = EXAMPLE_FIELDS.dispute!.draft;
const HAZARD = EXAMPLE_FIELDS.hazard!.draft;

/** The seed city with a community under 和平街道, its 网格员 (handler) and a system admin. */
async function cityWithCommunity(deps: ReturnType<typeof testDeps>) {
  const seeded = await seedCity(deps);
  await addUnits(deps, seeded.tenantId, [{ id: 'd1s1c1', name: '和平第一社区', kind: 'community', parentId: 'd1s1' }]);
  await addUsers(deps, seeded.tenantId, [
    { id: 'u-comm', username: 'comm', displayName: '社区网格员', unitId: 'd1s1c1', roles: ['handler'] },
    { id: 'u-admin', username: 'admin', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] },
  ]);
  return seeded;
}

describe.each(DIALECTS)('上报 and 立项 on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('a community reports its own dispute: it starts at once with the community as lead, and can go up to the street', async () => {
    const deps = testDeps(t.store, testClock());
    const { tenantId, as } = await cityWithCommunity(deps);
    const r = await createItem(deps, as('comm'), { ledgerType: 'dispute', title: '邻里漏水纠纷', fields: DISPUTE });
    expect(r.item).toMatchObject({
      status: 'in_progress',
      ownerUnitId: 'd1s1c1',
      leadUnitId: 'd1s1c1',
      currentDeadline: '2026-04-01',
      reported: { unitId: 'd1s1c1', pending: false, own: true },
    });
    expect(r.events.map((e) => e.type)).toEqual(['ItemCreated', 'ItemAssigned', 'ItemAccepted']);
    expect((await listItems(deps, as('d1sup'), { awaitingIntake: true })).items).toEqual([]);
    const up = await performAction(deps, as('comm'), r.item.id, { type: 'EscalateItem', data: { reason: '涉及物业,需街道协调' } });
    expect(up.item).toMatchObject({ status: 'assigned', leadUnitId: 'd1s1', originalLeadUnitId: 'd1s1c1' });
    await performAction(deps, as('street'), r.item.id, { type: 'AcceptItem', data: {} });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
  });

  it.skipIf(skip)('a reported hazard waits in the 待立项 queue of the supervisors above it until one registers and assigns it, or declines it', async () => {
    const deps = testDeps(t.store, testClock());
    const { tenantId, as } = await cityWithCommunity(deps);
    const r = await createItem(deps, as('comm'), { ledgerType: 'hazard', title: '楼道堆放杂物', fields: HAZARD });
    expect(r.item).toMatchObject({ status: 'draft', ownerUnitId: 'd1s1c1', leadUnitId: null, reported: { unitId: 'd1s1c1', by: 'u-comm', pending: true, own: false } });
    const queue = async (user: string) => (await listItems(deps, as(user), { awaitingIntake: true })).items.map((row) => row.item.id);
    expect(await queue('d1sup')).toEqual([r.item.id]);
    expect(await queue('sup')).toEqual([r.item.id]);
    expect(await queue('comm')).toEqual([r.item.id]);
    expect(await queue('env')).toEqual([]);
    // The reporter cannot hand it out itself, nor to itself.
    expect(await code(performAction(deps, as('comm'), r.item.id, { type: 'AssignItem', data: { leadUnitId: 'd1s1c1', deadline: '2026-03-31' } }))).toBe('forbidden');

    const done = await performAction(deps, as('d1sup'), r.item.id, { type: 'AssignItem', data: { leadUnitId: 'd1s1', coUnitIds: ['d1s1c1'], deadline: '2026-03-31' } });
    expect(done.item).toMatchObject({ status: 'assigned', ownerUnitId: 'd1', leadUnitId: 'd1s1', coUnitIds: ['d1s1c1'], reported: { pending: false } });
    expect(done.events.map((e) => e.type)).toEqual(['ItemAssigned']);
    expect(await queue('d1sup')).toEqual([]);
    // Registered: the reporting community still sees it as a co-unit.
    expect((await showItem(deps, as('comm'), r.item.id)).item.ownerUnitId).toBe('d1');

    const other = await createItem(deps, as('comm'), { ledgerType: 'hazard', title: '重复上报', fields: HAZARD });
    expect(await code(performAction(deps, as('d1sup'), other.item.id, { type: 'CancelItem', data: {} }))).toBe('validation_failed');
    const declined = await performAction(deps, as('d1sup'), other.item.id, { type: 'CancelItem', data: { reason: '已在办,重复上报' } });
    expect(declined.item.status).toBe('cancelled');
    expect(await queue('d1sup')).toEqual([]);
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
  });

  it.skipIf(skip)("directives and rectifications stay with supervisors, and a report is for the reporter's own unit", async () => {
    const deps = testDeps(t.store, testClock());
    const { as } = await cityWithCommunity(deps);
    expect(await code(createItem(deps, as('comm'), { ledgerType: 'directive', title: '自行立项', fields: { category: 'other' } }))).toBe('forbidden');
    expect(await code(createItem(deps, as('comm'), { ledgerType: 'hazard', title: '代街道上报', fields: HAZARD, ownerUnitId: 'd1s1' }))).toBe('forbidden');
    expect(await code(createItem(deps, as('leader'), { ledgerType: 'hazard', title: '领导上报', fields: HAZARD }))).toBe('forbidden');
    expect((await listItems(deps, as('d1sup'))).items).toEqual([]);
  });

  it.skipIf(skip)('the admin sets per ledger type who reports and whether 立项 is needed', async () => {
    const deps = testDeps(t.store, testClock());
    const { as } = await cityWithCommunity(deps);
    const view = await readLedgerConfig(deps, as('admin'));
    expect(view.types.find((x) => x.key === 'hazard')?.reporting).toEqual({ roles: ['handler'], approval: 'required' });
    expect(await code(setLedgerConfig(deps, as('admin'), { config: { overrides: { dispute: { reporting: { roles: ['mayor'], approval: 'none' } } } }, expectedVersion: 0 }))).toBe(
      'validation_failed',
    );
    await setLedgerConfig(deps, as('admin'), {
      config: { overrides: { dispute: { reporting: { roles: ['handler', 'leader'], approval: 'required' } }, hazard: { reporting: null } } },
      expectedVersion: 0,
    });
    const dispute = await createItem(deps, as('comm'), { ledgerType: 'dispute', title: '需立项的纠纷', fields: DISPUTE });
    expect(dispute.item).toMatchObject({ status: 'draft', reported: { pending: true } });
    expect(await code(createItem(deps, as('comm'), { ledgerType: 'hazard', title: '不再上报', fields: HAZARD }))).toBe('forbidden');
    const byLeader = await createItem(deps, as('leader'), { ledgerType: 'dispute', title: '领导上报', fields: DISPUTE });
    expect(byLeader.item).toMatchObject({ ownerUnitId: 'city', reported: { pending: true } });
  });
});
