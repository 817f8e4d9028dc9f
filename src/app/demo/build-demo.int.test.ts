import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM_STATUSES } from '../../domain/item.js';
import { BUILTIN_LEDGER_TYPES } from '../../domain/ledger-types/index.js';
import { DIALECTS, freshId, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { testDeps, testClock } from '../testing/city.js';
import { listItems, verifyRecord, computeStats } from '../index.js';
import { listPublicItems } from '../public/disclosure.js';
import { readSigningPolicy } from '../signatures/policy.js';
import { verifySignatures } from '../signatures/verify.js';
import { buildDemo } from './build-demo.js';

describe.each(DIALECTS)('the demo city on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('has items of every ledger type in every state, red, yellow and green ones, and a verified chain', async () => {
    const now = new Date('2026-11-20T04:00:00.000Z');
    const tenantId = freshId('demo');
    const summary = await buildDemo(t.store, { now, newId: randomUUID, tenantId });
    expect(new Set(summary.users.flatMap((u) => u.roles))).toEqual(new Set(['supervisor', 'leader', 'handler', 'auditor', 'system_admin', 'security_admin']));
    const deps = testDeps(t.store, testClock(now.toISOString()));
    const rows = (await listItems(deps, { tenantId, operator: true }, { limit: 1000 })).items;
    for (const type of BUILTIN_LEDGER_TYPES) {
      const states = new Set(rows.filter((r) => r.item.ledgerType === type.key).map((r) => r.item.status));
      expect([type.key, [...states].sort()]).toEqual([type.key, [...ITEM_STATUSES].sort()]);
    }
    // 一校一方案: every plan names its own school, all under one campaign.
    const plans = rows.filter((r) => r.item.ledgerType === 'school_plan').map((r) => r.item);
    expect(new Set(plans.map((p) => p.fields.entity)).size).toBe(plans.length);
    expect(new Set(plans.map((p) => p.parentId)).size).toBe(1);
    expect(plans[0]!.parentId).not.toBeNull();
    const lights = new Set(rows.map((r) => r.light.light));
    expect(lights).toEqual(new Set(['red', 'yellow', 'green', 'none']));
    expect(rows.some((r) => r.item.counters.extensionsGranted > 0 && r.item.originalDeadline !== r.item.currentDeadline)).toBe(true);
    // 回头看: a hazard closed five weeks ago waits for its re-check on the city supervisor's desk.
    const rechecks = (await listItems(deps, { tenantId, username: 'supervisor' }, { recheck: 'due' })).items;
    expect(rechecks.map((r) => [r.item.ledgerType, r.item.status, r.item.recheck?.status])).toEqual([['hazard', 'closed', 'due']]);
    const stats = await computeStats(deps, { tenantId, operator: true });
    expect(stats.total.on_time_rate.value).toBeGreaterThan(0);
    expect(stats.total.on_time_rate.value).toBeLessThan(1);
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
    // 签章要求 required: every 审签 and 销号 of the seed is signed by its demo signer, and each signature holds.
    expect(await readSigningPolicy(deps, { tenantId, operator: true })).toBe('required');
    const signatures = await verifySignatures(deps, tenantId);
    const closedOrSigned = rows.filter((r) => r.item.status === 'closed').length;
    expect(signatures.invalid).toEqual([]);
    expect(signatures.valid).toBeGreaterThanOrEqual(closedOrSigned);
    // 公示: a rectification item in its notice period, its 办理情况 with an ID and a mobile number shown masked.
    const [notice] = await listPublicItems(deps, tenantId);
    expect(notice).toBeDefined();
    const completion = notice!.fields.find((f) => f.name === 'completion')!.value;
    expect(completion).toContain('1101**********002X');
    expect(completion).toContain('139****5678');
    expect(completion).toContain('张**');
    expect(completion).not.toMatch(/13912345678|11010519491231002X|张建华/);
  });
});
