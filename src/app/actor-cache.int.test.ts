import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshId, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { setDisabled, setRoles } from './accounts/admin.js';
import type { AppDeps } from './context.js';
import { createItem } from './items/create.js';
import { performAction } from './items/perform.js';
import { addUsers } from './organisation.js';
import { seedLedgerCity } from './testing/ledger-city.js';

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );

/* The acting user is cached per store (actor-cache.ts): a change made through the admin use cases applies at once. */
describe.each(DIALECTS)('the cached acting user on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('a user disabled or stripped of a role stops acting at once, though it acted a moment before', async () => {
    const deps: AppDeps = { store: t.store, now: () => new Date('2026-03-02T02:00:00.000Z'), newId: randomUUID };
    const city = await seedLedgerCity(deps, freshId('actors'), { departments: 2 });
    await addUsers(deps, city.tenantId, [
      { id: 'u-sysadmin', username: 'sysadmin', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] },
      { id: 'u-secadmin', username: 'secadmin', displayName: '安全管理员', unitId: 'city', roles: ['security_admin'] },
    ]);
    const sysadmin = { tenantId: city.tenantId, username: 'sysadmin' };
    const secadmin = { tenantId: city.tenantId, username: 'secadmin' };
    const draft = () => createItem(deps, city.supervisor, { ledgerType: 'directive', title: '落实常态化的矛盾纠纷排查化解机制', fields: { category: 'key_task' } });
    const [a, b] = [(await draft()).item, (await draft()).item];
    for (const item of [a, b]) await performAction(deps, city.supervisor, item.id, { type: 'AssignItem', data: { leadUnitId: city.departments[0], deadline: '2026-04-30' } });
    const handler = city.handlers(0)[0]!;

    expect(await code(performAction(deps, handler, a.id, { type: 'AcceptItem', data: {} }))).toBe('ok');
    await setDisabled(deps, sysadmin, `u-${handler.username}`, true);
    expect(await code(performAction(deps, handler, b.id, { type: 'AcceptItem', data: {} }))).toBe('user_disabled');
    await setDisabled(deps, sysadmin, `u-${handler.username}`, false);
    expect(await code(performAction(deps, handler, b.id, { type: 'AcceptItem', data: {} }))).toBe('ok');

    expect(await code(performAction(deps, city.supervisor, a.id, { type: 'UrgeItem', data: {} }))).toBe('ok');
    await setRoles(deps, secadmin, 'u-sup', ['leader']);
    expect(await code(performAction(deps, city.supervisor, b.id, { type: 'UrgeItem', data: {} }))).toBe('forbidden');
  });
});
