/*
 * The unit list tells who can receive work: a unit is staffed when it has an active handler. The assign and
 * transfer forms warn before handing work to one that is not (the same rule as the warning an assignment
 * answers with).
 */
import { expect, it } from 'vitest';
import { describeOnStores } from '../../store/testing/suite.js';
import { addUnits, addUsers } from '../organisation.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';
import { listUnits, setDisabled } from './admin.js';

describeOnStores('the unit list', (t) => {
  it('says which units have an active handler, and follows a handler disabled', async () => {
    const deps = testDeps(t.store, testClock());
    const { tenantId, as } = await seedCity(deps);
    await addUnits(deps, tenantId, [{ id: 'empty', name: '新设机构', kind: 'department', parentId: 'city' }]);
    await addUsers(deps, tenantId, [{ id: 'u-sys', username: 'sys', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] }]);
    const staffed = async () => Object.fromEntries((await listUnits(deps, as('sup'))).map((u) => [u.id, u.staffed]));
    expect(await staffed()).toMatchObject({ env: true, water: true, d1s1: true, empty: false, dcs: false, city: false });
    await setDisabled(deps, as('sys'), 'u-water', true);
    expect((await staffed()).water).toBe(false);
  });
});
