import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUILTIN_LEDGER_TYPES } from '../../domain/ledger-types/index.js';
import { openStore } from '../../store/index.js';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { createItem, performAction, showItem, verifyRecord } from '../index.js';
import { addUsers } from '../organisation.js';
import { configureIndicator } from '../signals/indicators.js';
import { errorCode as code, seedCity, testClock, testDeps } from '../testing/city.js';
import { LEDGER_TYPES_TTL_MS } from './cache.js';
import { listLedgerTypes, readLedgerConfig, setLedgerConfig } from './config.js';

const rectification = BUILTIN_LEDGER_TYPES.find((t) => t.key === 'rectification')!;
const directiveStages = BUILTIN_LEDGER_TYPES[0]!.closureStages;
/** 督办 with 10 calendar days, a leader's 审签 after 审核, and a field of the city's own. */
const OVERRIDE = {
  overrides: {
    directive: {
      name: { zh: '督办事项', en: 'Supervised matter' },
      defaultTimeLimit: { amount: 10, unit: 'calendar_days' },
      closureStages: [...directiveStages, { key: 'sign_off', name: { zh: '审签', en: 'Sign-off' }, by: 'leader' }],
      addFields: [{ name: 'budget', kind: 'number', label: { zh: '预算', en: 'Budget' }, min: 0 }],
      warningRules: { warnWorkingDays: 5 },
    },
  },
} as const;

describe.each(DIALECTS)('ledger configuration use cases on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function city() {
    const clock = testClock();
    const deps = testDeps(t.store, clock);
    const c = await seedCity(deps);
    await addUsers(deps, c.tenantId, [{ id: 'u-admin', username: 'admin', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] }]);
    return { ...c, deps, clock };
  }

  it.skipIf(skip)('lets only the system admin read or change the configuration; the other roles are refused and nothing is written', async () => {
    const { deps, as, tenantId } = await city();
    for (const u of ['sup', 'leader', 'auditor', 'env']) {
      expect(await code(readLedgerConfig(deps, as(u)))).toBe('role_required');
      expect(await code(setLedgerConfig(deps, as(u), { config: OVERRIDE, expectedVersion: 0 }))).toBe('role_required');
    }
    expect(await t.store.read.ledgerConfigs.get(tenantId)).toBeUndefined();
    const view = await readLedgerConfig(deps, as('admin'));
    expect(view).toMatchObject({ version: 0, config: {}, updatedAt: null });
    expect(view.types.map((x) => x.key)).toEqual(BUILTIN_LEDGER_TYPES.map((x) => x.key));
    // Everyone signed in reads the resulting types, and so does the operator.
    expect((await listLedgerTypes(deps, as('env'))).length).toBe(BUILTIN_LEDGER_TYPES.length);
    expect((await readLedgerConfig(deps, { tenantId, operator: true })).version).toBe(0);
  });

  it.skipIf(skip)('refuses a configuration that breaks a type with validation_failed and its issues, writing nothing', async () => {
    const { deps, as, tenantId } = await city();
    const head = await t.store.read.events.head(tenantId);
    const broken = { overrides: { directive: { closureStages: [] } } };
    await expect(setLedgerConfig(deps, as('admin'), { config: broken, expectedVersion: 0 })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [expect.objectContaining({ path: 'directive.closureStages' })] },
    });
    expect(await code(setLedgerConfig(deps, as('admin'), { config: { overrides: { nope: {} } }, expectedVersion: 0 }))).toBe('validation_failed');
    expect(await code(setLedgerConfig(deps, as('admin'), { config: { disabled: 'hazard' }, expectedVersion: 0 }))).toBe('validation_failed');
    expect(await code(setLedgerConfig(deps, as('admin'), { config: { overrides: { directive: { fieldOverrides: { nope: { required: true } } } } }, expectedVersion: 0 }))).toBe(
      'validation_failed',
    );
    expect(await t.store.read.ledgerConfigs.get(tenantId)).toBeUndefined();
    expect(await t.store.read.events.head(tenantId)).toEqual(head);
  });

  it.skipIf(skip)('applies an override to items created after it: the new time limit, stages, fields and name; recorded in the verified chain', async () => {
    const { deps, as, tenantId, clock } = await city();
    const before = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '改配置前的事项', fields: { category: 'other' } });
    const view = await setLedgerConfig(deps, as('admin'), { config: OVERRIDE, expectedVersion: 0 });
    expect(view.version).toBe(1);
    expect(view.types.find((x) => x.key === 'directive')).toMatchObject({
      name: { zh: '督办事项' },
      defaultTimeLimit: { amount: 10, unit: 'calendar_days' },
      warningRules: { warnWorkingDays: 5, acceptWithinWorkingDays: 2 },
    });
    expect((await listLedgerTypes(deps, as('sup'))).find((x) => x.key === 'directive')?.name.zh).toBe('督办事项');

    // The new field is accepted (and checked) on creation.
    expect(await code(createItem(deps, as('sup'), { ledgerType: 'directive', title: '负预算', fields: { category: 'other', budget: -1 } }))).toBe('validation_failed');
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '改配置后的事项', fields: { category: 'other', budget: 120000 } });
    const { item: assigned } = await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env' } });
    expect(assigned.currentDeadline).toBe('2026-03-12'); // 10 calendar days from 2026-03-02, not the built-in 30
    await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
    clock.advanceDays(1);
    await performAction(deps, as('env'), item.id, { type: 'RequestClosure', data: { summary: '已办结', evidence: ['file:1'], fields: { outcome: '已完成' } } });
    const { item: reviewed } = await performAction(deps, as('sup'), item.id, { type: 'PassStage', data: {} });
    expect([reviewed.status, reviewed.stageKey]).toEqual(['closing', 'sign_off']);
    const { item: signed } = await performAction(deps, as('leader'), item.id, { type: 'PassStage', data: {} });
    expect(signed.status).toBe('closed');

    // The item recorded before the change keeps working under the tenant's type.
    expect((await showItem(deps, as('sup'), before.item.id)).actions).toContain('AssignItem');
    const events = await t.store.read.events.listAfter(tenantId, 0, 1000);
    const set = events.find((e) => e.type === 'LedgerConfigSet');
    expect(set).toMatchObject({ itemId: null, actorUserId: 'u-admin', payload: { version: 1, config: { overrides: { directive: { defaultTimeLimit: { amount: 10 } } } } } });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
    const stored = await readLedgerConfig(deps, as('admin'));
    expect(stored).toMatchObject({ version: 1, updatedBy: 'u-admin' });
  });

  it.skipIf(skip)('refuses a stale version with version_conflict and keeps the winner', async () => {
    const { deps, as } = await city();
    await setLedgerConfig(deps, as('admin'), { config: { disabled: ['school_plan'] }, expectedVersion: 0 });
    expect(await code(setLedgerConfig(deps, as('admin'), { config: OVERRIDE, expectedVersion: 0 }))).toBe('version_conflict');
    expect((await readLedgerConfig(deps, as('admin'))).config).toEqual({ disabled: ['school_plan'] });
  });

  it.skipIf(skip)('switches a type off for new items only: existing ones keep working, and switching it on again restores it', async () => {
    const { deps, as } = await city();
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '停用前的事项', fields: { category: 'other' } });
    await setLedgerConfig(deps, as('admin'), { config: { disabled: ['directive'] }, expectedVersion: 0 });
    expect(await code(createItem(deps, as('sup'), { ledgerType: 'directive', title: '停用后', fields: { category: 'other' } }))).toBe('ledger_type_disabled');
    expect((await listLedgerTypes(deps, as('sup'))).some((x) => x.key === 'directive')).toBe(false);
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-03-31' } });
    expect((await showItem(deps, as('env'), item.id)).item.status).toBe('assigned');
    await setLedgerConfig(deps, as('admin'), { config: {}, expectedVersion: 1 });
    expect(await code(createItem(deps, as('sup'), { ledgerType: 'directive', title: '重新启用后', fields: { category: 'other' } }))).toBe('ok');
  });

  it.skipIf(skip)('refuses changes that would strand existing items: a dropped field or custom type, a stage items wait in', async () => {
    const { deps, as } = await city();
    const custom = { ...rectification, key: 'env_inspection', name: { zh: '环保督察整改', en: 'Environmental inspection' }, numberPrefix: '环督' };
    await setLedgerConfig(deps, as('admin'), { config: { ...OVERRIDE, custom: [custom] }, expectedVersion: 0 });
    expect(await code(setLedgerConfig(deps, as('admin'), { config: OVERRIDE, expectedVersion: 1 }))).toBe('validation_failed');
    expect(await code(setLedgerConfig(deps, as('admin'), { config: { custom: [custom] }, expectedVersion: 1 }))).toBe('validation_failed');
    // An item waits in 审签: dropping that stage is refused until it moves on.
    const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '等待审签', fields: { category: 'other' } });
    await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env' } });
    await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
    await performAction(deps, as('env'), item.id, { type: 'RequestClosure', data: { summary: '已办结', evidence: ['file:1'], fields: { outcome: '已完成' } } });
    await performAction(deps, as('sup'), item.id, { type: 'PassStage', data: {} });
    const withoutSignOff = { overrides: { directive: { ...OVERRIDE.overrides.directive, closureStages: directiveStages } }, custom: [custom] };
    await expect(setLedgerConfig(deps, as('admin'), { config: withoutSignOff, expectedVersion: 1 })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [expect.objectContaining({ path: 'directive.closureStages.sign_off' })] },
    });
    await performAction(deps, as('leader'), item.id, { type: 'PassStage', data: {} });
    expect((await setLedgerConfig(deps, as('admin'), { config: withoutSignOff, expectedVersion: 1 })).version).toBe(2);
    // A custom type can be switched off instead of removed, and its items recorded meanwhile keep their type.
    expect(
      await code(
        createItem(deps, as('sup'), {
          ledgerType: 'env_inspection',
          title: '自定义类型',
          fields: { problemSource: 'central', problem: '污水直排', target: '消除', measures: '截污', term: 'short' },
        }),
      ),
    ).toBe('ok');
    expect(
      (await setLedgerConfig(deps, as('admin'), { config: { ...withoutSignOff, disabled: ['env_inspection'] }, expectedVersion: 2 })).types.find((x) => x.key === 'env_inspection')
        ?.disabled,
    ).toBe(true);
  });

  it.skipIf(skip)('keeps monitoring alarms able to open their items: their type stays on and gains no field alarms cannot fill', async () => {
    const { deps, as } = await city();
    await configureIndicator(deps, as('sup'), { key: 'fever', name: '发热门诊就诊人次', algorithm: 'earsC', control: { method: 'C1' }, frequency: 'day' });
    await expect(setLedgerConfig(deps, as('admin'), { config: { disabled: ['signal'] }, expectedVersion: 0 })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [expect.objectContaining({ path: 'disabled.signal' })] },
    });
    const requiredNote = { overrides: { signal: { addFields: [{ name: 'reporter', kind: 'text', label: { zh: '报告人', en: 'Reporter' }, required: true }] } } };
    expect(await code(setLedgerConfig(deps, as('admin'), { config: requiredNote, expectedVersion: 0 }))).toBe('validation_failed');
    const optionalNote = { overrides: { signal: { addFields: [{ name: 'reporter', kind: 'text', label: { zh: '报告人', en: 'Reporter' } }] } } };
    expect((await setLedgerConfig(deps, as('admin'), { config: optionalNote, expectedVersion: 0 })).version).toBe(1);
  });

  it.skipIf(skip)('lets another node pick the change up within the cache lifetime', async () => {
    const { deps, as, tenantId } = await city();
    const other = await openStore(t.config);
    try {
      const node2 = testDeps(other, testClock());
      vi.useFakeTimers({ toFake: ['performance'] });
      expect((await listLedgerTypes(node2, { tenantId, username: 'sup' })).find((x) => x.key === 'directive')?.name.zh).toBe('会议部署事项');
      await setLedgerConfig(deps, as('admin'), { config: OVERRIDE, expectedVersion: 0 });
      // This node sees it at once; the other one still serves its cached types until they expire.
      expect((await listLedgerTypes(deps, as('sup'))).find((x) => x.key === 'directive')?.name.zh).toBe('督办事项');
      expect((await listLedgerTypes(node2, { tenantId, username: 'sup' })).find((x) => x.key === 'directive')?.name.zh).toBe('会议部署事项');
      vi.advanceTimersByTime(LEDGER_TYPES_TTL_MS + 1);
      expect((await listLedgerTypes(node2, { tenantId, username: 'sup' })).find((x) => x.key === 'directive')?.name.zh).toBe('督办事项');
    } finally {
      vi.useRealTimers();
      await other.close();
    }
  });
});
