import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { addUsers } from '../organisation.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';
import { createItem } from '../index.js';
import { readLedgerConfig, setLedgerConfig } from '../ledger-types/config.js';
import { exportItems } from './export.js';
import { importItems } from './import.js';

const TITLE = '张三与李四宅基地纠纷';
const CONTENT = '当事人张三，电话13812345678，身份证11010519491231002X，要求尽快调处。';
const MEASURES = '由王建国（13912345678）负责稳控';
const CLEAR = ['张三', '13812345678', '11010519491231002X', '王建国', '13912345678'];
const MASKED = ['138****5678', '1101**********002X', '139****5678'];

describe.each(DIALECTS)('personal data masked in exports per ledger type on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function city() {
    const deps = testDeps(t.store, testClock('2026-03-02T02:00:00.000Z'));
    const { as, tenantId } = await seedCity(deps);
    await addUsers(deps, tenantId, [{ id: 'u-admin', username: 'admin', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] }]);
    await createItem(deps, as('sup'), {
      ledgerType: 'dispute',
      title: TITLE,
      content: CONTENT,
      fields: { screeningDate: '2026-03-01', category: 'neighbourhood', riskLevel: 'yellow', parties: [{ name: '张某', gender: 'male' }], stabilityMeasures: MEASURES },
    });
    await createItem(deps, as('sup'), { ledgerType: 'directive', title: TITLE, content: CONTENT, fields: { category: 'meeting_decision', workPlan: MEASURES } });
    const csv = async (ledger: string) => (await exportItems(deps, as('sup'), { ledgerTypes: [ledger] }, { format: 'csv' })).body.toString('utf8');
    return { deps, as, csv };
  }

  it.skipIf(skip)('masks free text of 调解 by default, leaves a directive in clear, and follows a changed setting', async () => {
    const { deps, as, csv } = await city();
    const dispute = await csv('dispute');
    for (const s of CLEAR) expect(dispute, s).not.toContain(s);
    for (const s of MASKED) expect(dispute, s).toContain(s);
    expect(dispute).toContain('宅基地纠纷');
    const directive = await csv('directive');
    for (const s of CLEAR) expect(directive, s).toContain(s);

    const { version } = await readLedgerConfig(deps, as('admin'));
    await setLedgerConfig(deps, as('admin'), { config: { overrides: { dispute: { maskExports: false }, directive: { maskExports: true } } }, expectedVersion: version });
    for (const s of CLEAR) expect(await csv('dispute'), s).toContain(s);
    const masked = await csv('directive');
    for (const s of CLEAR) expect(masked, s).not.toContain(s);
    for (const s of MASKED) expect(masked, s).toContain(s);
  });

  it.skipIf(skip)('a masked sheet imported back leaves the real text alone', async () => {
    const { deps, as } = await city();
    const file = await exportItems(deps, as('sup'), { ledgerTypes: ['dispute'] }, { format: 'xlsx' });
    const result = await importItems(deps, as('sup'), file.body, { ledgerType: 'dispute' });
    expect(result.errors).toEqual([]);
    expect(result.updated).toBe(0);
    expect(result.unchanged).toBe(1);
    const again = (await exportItems(deps, as('sup'), { ledgerTypes: ['dispute'] }, { format: 'csv' })).body.toString('utf8');
    expect(again).toContain('138****5678');
    await setLedgerConfig(deps, as('admin'), { config: { overrides: { dispute: { maskExports: false } } }, expectedVersion: (await readLedgerConfig(deps, as('admin'))).version });
    const clear = (await exportItems(deps, as('sup'), { ledgerTypes: ['dispute'] }, { format: 'csv' })).body.toString('utf8');
    for (const s of CLEAR) expect(clear, s).toContain(s);
  });
});
