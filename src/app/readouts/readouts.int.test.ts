import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshId, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { buildDemo } from '../demo/build-demo.js';
import { testClock, testDeps } from '../testing/city.js';
import { confirmReadoutDraft, editReadoutDraft, importReadout, showItem } from '../index.js';
import { setLedgerConfig } from '../ledger-types/config.js';

const SEED = readFileSync(new URL('../../../test/fixtures/corpus/readouts/seed-urumqi-2020-09-12.txt', import.meta.url));

describe.each(DIALECTS)('a readout into the ledger on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)("drafts the seed readout, takes the supervisor's edits and creates a provenance-linked tree of items", async () => {
    const now = new Date('2026-11-20T04:00:00.000Z');
    const tenantId = freshId('readout');
    await buildDemo(t.store, { now, newId: randomUUID, tenantId });
    const deps = { ...testDeps(t.store, testClock(now.toISOString())), newId: randomUUID };
    const sup = { tenantId, username: 'supervisor' };

    await expect(importReadout(deps, { tenantId, username: 'wjw.handler' }, { bytes: SEED })).rejects.toMatchObject({ code: 'business_data_forbidden' });
    const draft = await importReadout(deps, sup, { bytes: SEED, fileName: 'seed.txt' });
    const tasks = draft.data.directives.filter((d) => d.keep);
    expect(tasks.length).toBeGreaterThan(15);
    const epidemic = draft.data.directives.find((d) => d.text.startsWith('一要毫不放松抓好疫情防控'))!;
    expect(epidemic.leadUnitId).toBe('dept-wjw');
    const child = draft.data.directives.find((d) => d.parent === epidemic.i)!;

    const dropped = tasks[tasks.length - 1]!;
    const edited = await editReadoutDraft(deps, sup, draft.id, [
      { op: 'keep', i: dropped.i, keep: false },
      { op: 'set', i: child.i, leadUnitId: 'dept-yjj', deadline: '2026-12-31' },
    ]);
    expect(edited.version).toBe(2);
    await expect(editReadoutDraft(deps, sup, draft.id, [{ op: 'set', i: child.i, leadUnitId: 'no-such-unit' }])).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(editReadoutDraft(deps, sup, draft.id, [{ op: 'keep', i: 0, keep: true }], 1)).rejects.toMatchObject({ code: 'version_conflict' });

    const confirmed = await confirmReadoutDraft(deps, sup, draft.id, { assign: true });
    expect(confirmed.items).toHaveLength(tasks.length - 1);
    const parentItem = confirmed.items.find((x) => x.directive === epidemic.i)!;
    const childItem = confirmed.items.find((x) => x.directive === child.i)!;
    expect(childItem.parentId).toBe(parentItem.itemId);
    expect(confirmed.items.some((x) => x.directive === dropped.i)).toBe(false);

    const detail = await showItem(deps, sup, childItem.itemId);
    expect(detail.item.leadUnitId).toBe('dept-yjj');
    expect(detail.item.currentDeadline).toBe('2026-12-31');
    expect(detail.item.status).toBe('assigned');
    expect(detail.provenance?.text).toBe(child.text);
    expect(SEED.toString('utf8').slice(child.start, child.end)).toBe(child.text);
    expect((await showItem(deps, sup, parentItem.itemId)).children.map((c) => c.item.id)).toContain(childItem.itemId);
    await expect(confirmReadoutDraft(deps, sup, draft.id)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it.skipIf(skip)('with 督办 switched off, confirming says so plainly and creates nothing; switched on again, it goes through', async () => {
    const now = new Date('2026-11-20T04:00:00.000Z');
    const tenantId = freshId('readout');
    await buildDemo(t.store, { now, newId: randomUUID, tenantId });
    const deps = { ...testDeps(t.store, testClock(now.toISOString())), newId: randomUUID };
    const sup = { tenantId, username: 'supervisor' };
    const admin = { tenantId, username: 'sysadmin' };
    const draft = await importReadout(deps, sup, { bytes: SEED, fileName: 'seed.txt' });
    const before = await t.store.read.items.count(tenantId);
    const off = await setLedgerConfig(deps, admin, { config: { disabled: ['directive'] }, expectedVersion: 0 });
    await expect(confirmReadoutDraft(deps, sup, draft.id)).rejects.toMatchObject({
      code: 'ledger_type_disabled',
      messageZh: expect.stringContaining('已停用') as unknown,
    });
    expect(await t.store.read.items.count(tenantId)).toBe(before);
    await setLedgerConfig(deps, admin, { config: {}, expectedVersion: off.version });
    expect((await confirmReadoutDraft(deps, sup, draft.id)).items.length).toBeGreaterThan(15);
  });
});
