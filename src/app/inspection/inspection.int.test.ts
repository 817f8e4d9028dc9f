import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../../store/testing/dialects.js';
import { asAttacker } from '../../store/testing/tamper.js';
import { listItems, verifyRecord } from '../index.js';
import { listEvidence } from '../evidence/evidence.js';
import { errorCode, seedCity, testClock, testDeps } from '../testing/city.js';
import { computeInspectionCoverage } from './coverage.js';
import { uploadRoundPhoto } from './photos.js';
import { addInspectionPlan, listInspectionPlans } from './plans.js';
import { recordRound } from './record.js';
import { listRounds, showRound } from './rounds.js';

/** A 1×1 PNG: the smallest file the type sniffer takes for a photo. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

const PLAN = {
  title: '和平街道城市安全运行常态化检查',
  unitId: 'd1s1',
  cadence: 'weekly',
  checklist: [
    { key: 'fire_exit', label: '消防通道', category: 'fire' },
    { key: 'gas_pipe', label: '燃气管道', category: 'equipment' },
    { key: 'wiring', label: '电气线路', category: 'electrical' },
  ],
  places: [{ name: '和平菜市场', address: '和平路1号' }, { name: '和平小学' }],
};

const allPass = {
  lines: [
    { key: 'fire_exit', result: 'pass' },
    { key: 'gas_pipe', result: 'pass' },
    { key: 'wiring', result: 'na', note: '无电气改造' },
  ],
};

describe.each(DIALECTS)('inspection rounds on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  // 2026-03-02 is a Monday: the first weekly round of each place is open and due on Friday 2026-03-06.
  async function city() {
    const clock = testClock('2026-03-02T02:00:00.000Z');
    const deps = testDeps(t.store, clock);
    const { tenantId, as } = await seedCity(deps);
    const plan = await addInspectionPlan(deps, as('d1sup'), PLAN);
    return { clock, deps, tenantId, as, plan, r1: `${plan.id}.1.20260302`, r2: `${plan.id}.2.20260302` };
  }

  it.skipIf(skip)('lets a supervisor of the area set up a plan for the unit, and nobody else', async () => {
    const { deps, as, plan } = await city();
    expect(plan).toMatchObject({ unitId: 'd1s1', cadence: 'weekly', startsOn: '2026-03-02', endsOn: null });
    expect(await errorCode(addInspectionPlan(deps, as('street'), PLAN))).toBe('forbidden');
    expect(await errorCode(addInspectionPlan(deps, as('d1sup'), { ...PLAN, unitId: 'env' }))).toBe('forbidden');
    expect(await errorCode(addInspectionPlan(deps, as('d1sup'), { ...PLAN, cadence: 'hourly' }))).toBe('validation_failed');
    expect(await errorCode(addInspectionPlan(deps, as('d1sup'), { ...PLAN, unitId: 'nowhere' }))).toBe('unit_not_found');
    // Only the one plan was stored: the refusals changed nothing.
    expect((await listInspectionPlans(deps, as('d1sup'))).map((p) => p.id)).toEqual([plan.id]);
  });

  it.skipIf(skip)("puts the due rounds on the inspecting unit's desk and its area supervisors', nowhere else", async () => {
    const { deps, as, r1, r2 } = await city();
    const open = await listRounds(deps, as('street'), { status: ['open'] });
    expect(open.map((r) => [r.id, r.dueOn, r.place.name])).toEqual([
      [r1, '2026-03-06', '和平菜市场'],
      [r2, '2026-03-06', '和平小学'],
    ]);
    expect((await listRounds(deps, as('d1sup'), { status: ['open'] })).map((r) => r.id)).toEqual([r1, r2]);
    expect((await listRounds(deps, as('sup'), { status: ['open'] })).map((r) => r.id)).toEqual([r1, r2]);
    expect(await listRounds(deps, as('env'))).toEqual([]);
    expect(await errorCode(showRound(deps, as('env'), r1))).toBe('inspection_round_not_found');
  });

  it.skipIf(skip)('records a round where nothing was found, once; a second record is refused', async () => {
    const { deps, tenantId, as, r1 } = await city();
    const done = await recordRound(deps, as('street'), r1, allPass);
    expect(done.hazards).toEqual([]);
    expect(done.round).toMatchObject({ status: 'recorded', onTime: true });
    expect(await errorCode(recordRound(deps, as('street'), r1, allPass))).toBe('inspection_round_recorded');
    const shown = await showRound(deps, as('d1sup'), r1);
    expect(shown.round.recorded?.results).toMatchObject({
      lines: [
        { key: 'fire_exit', result: 'pass' },
        { key: 'gas_pipe', result: 'pass' },
        { key: 'wiring', result: 'na', note: '无电气改造' },
      ],
    });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
  });

  it.skipIf(skip)('opens exactly one hazard item for a failed line, pre-filled and linked to the round, with its photo', async () => {
    const { deps, as, r2 } = await city();
    const photo = await uploadRoundPhoto(deps, as('street'), t.dir, r2, { fileName: '燃气管道.png', bytes: PHOTO });
    const done = await recordRound(deps, as('street'), r2, {
      lines: [
        { key: 'fire_exit', result: 'pass' },
        { key: 'gas_pipe', result: 'fail', note: '燃气管道锈蚀，阀门漏气', photos: [photo.id] },
        { key: 'wiring', result: 'pass' },
      ],
    });
    expect(done.hazards).toHaveLength(1);
    const hazard = done.hazards[0]!;
    expect(hazard).toMatchObject({
      ledgerType: 'hazard',
      title: '和平小学：燃气管道',
      content: '燃气管道锈蚀，阀门漏气',
      source: { kind: 'inspection', reference: r2 },
      ownerUnitId: 'd1s1',
      status: 'draft',
      fields: { inspectionDate: '2026-03-02', inspectionType: 'routine', place: '和平小学', category: 'equipment', level: 'general', inspectors: '街道承办人' },
    });
    // 上报: the hazard waits for the district supervisor's 立项, who sees it.
    const seen = await listItems(deps, as('d1sup'), { ledgerTypes: ['hazard'] });
    expect(seen.items.map((r) => r.item.id)).toEqual([hazard.id]);
    const files = await listEvidence(deps, as('d1sup'), hazard.id);
    expect(files.map((f) => [f.fileName, f.digest])).toEqual([['燃气管道.png', photo.digest]]);
    expect(hazard.fields.photosBefore).toEqual([files[0]!.id]);
    expect(done.round).toMatchObject({ status: 'recorded', recorded: { failed: 1, hazardItemIds: [hazard.id] } });
  });

  it.skipIf(skip)('lets one of two records racing for the same round through, with exactly one hazard', async () => {
    const { deps, as, r1 } = await city();
    const failing = {
      lines: [
        { key: 'fire_exit', result: 'fail', note: '消防通道堵塞' },
        { key: 'gas_pipe', result: 'pass' },
        { key: 'wiring', result: 'pass' },
      ],
    };
    const codes = await Promise.all([errorCode(recordRound(deps, as('street'), r1, failing)), errorCode(recordRound(deps, as('street'), r1, failing))]);
    expect(codes.sort()).toEqual(['inspection_round_recorded', 'ok']);
    expect((await listItems(deps, as('d1sup'), { ledgerTypes: ['hazard'] })).items).toHaveLength(1);
  });

  it.skipIf(skip)('refuses a 重大 hazard without its five 落实 and records nothing', async () => {
    const { deps, as, r1 } = await city();
    const major = {
      lines: [
        { key: 'fire_exit', result: 'fail', note: '消防通道堵塞', hazard: { level: 'major' } },
        { key: 'gas_pipe', result: 'pass' },
        { key: 'wiring', result: 'pass' },
      ],
    };
    expect(await errorCode(recordRound(deps, as('street'), r1, major))).toBe('validation_failed');
    expect((await listRounds(deps, as('street'), { status: ['open'] })).map((r) => r.id)).toContain(r1);
    expect((await listItems(deps, as('d1sup'), { ledgerTypes: ['hazard'] })).items).toEqual([]);
    const five = { responsibility: '市场管理方', measures: '清理堵塞物', funds: 2000, timeLimit: '2026-03-20', contingencyPlan: '专人值守' };
    const ok = await recordRound(deps, as('street'), r1, { ...major, lines: [{ ...major.lines[0], hazard: { level: 'major', ...five } }, ...major.lines.slice(1)] });
    expect(ok.hazards.map((h) => h.fields)).toMatchObject([{ level: 'major', ...five }]);
  });

  it.skipIf(skip)('lets only an inspector of the unit record, and only a round that has opened', async () => {
    const { deps, as, plan, r1 } = await city();
    expect(await errorCode(recordRound(deps, as('d1sup'), r1, allPass))).toBe('forbidden');
    expect(await errorCode(recordRound(deps, as('env'), r1, allPass))).toBe('inspection_round_not_found');
    expect(await errorCode(recordRound(deps, as('street'), `${plan.id}.1.20260309`, allPass))).toBe('inspection_round_not_open');
    expect(await errorCode(recordRound(deps, as('street'), `${plan.id}.9.20260302`, allPass))).toBe('inspection_round_not_found');
    expect(await errorCode(recordRound(deps, as('street'), r1, { lines: [{ key: 'fire_exit', result: 'pass' }] }))).toBe('validation_failed');
    expect(await errorCode(recordRound(deps, as('street'), r1, { ...allPass, lines: [...allPass.lines.slice(0, 2), { key: 'wiring', result: 'pass', photos: ['nope'] }] }))).toBe(
      'inspection_photo_not_found',
    );
    expect(await listRounds(deps, as('street'), { status: ['recorded'] })).toEqual([]);
  });

  it.skipIf(skip)('gives 考核 the coverage of rounds recorded on time and hazards found per round', async () => {
    const { clock, deps, as, r1, r2 } = await city();
    await recordRound(deps, as('street'), r1, allPass);
    clock.advanceDays(7); // Monday 2026-03-09: r2 was due on Friday and was missed
    const week2 = (await listRounds(deps, as('street'), { status: ['open'] })).map((r) => r.id);
    expect(week2).toHaveLength(2);
    await recordRound(deps, as('street'), week2[0]!, {
      lines: [
        { key: 'fire_exit', result: 'fail', note: '堆放杂物' },
        { key: 'gas_pipe', result: 'fail', note: '软管老化' },
        { key: 'wiring', result: 'pass' },
      ],
    });
    expect((await listRounds(deps, as('street'), { status: ['overdue'] })).map((r) => r.id)).toEqual([r2]);
    const c = await computeInspectionCoverage(deps, as('d1sup'), { from: '2026-03-01', to: '2026-03-31' });
    expect(c.total).toMatchObject({ due: 3, recorded: 2, onTime: 2, missed: [r2], hazards: 2, hazardsPerRound: 1 });
    expect(c.total.coverageRate).toBeCloseTo(2 / 3);
    expect(c.groups.map((g) => [g.unitId, g.label])).toEqual([['d1s1', '和平街道']]);
    expect((await computeInspectionCoverage(deps, as('env'))).groups).toEqual([]);
  });

  it.skipIf(skip)('lets verify name a round whose result was edited behind the record', async () => {
    const { deps, tenantId, as, r1 } = await city();
    await recordRound(deps, as('street'), r1, allPass);
    const edited = JSON.stringify({ lines: [{ key: 'fire_exit', label: '消防通道', result: 'fail', note: null, photos: [], hazard: null }], note: null });
    await asAttacker(t.config.database, (db) =>
      db.updateTable('inspection_rounds').set({ results: edited }).where('tenant_id', '=', tenantId).where('round_id', '=', r1).execute(),
    );
    const v = await verifyRecord(deps, { tenantId, operator: true });
    expect(v).toMatchObject({ ok: false, problem: 'projection_mismatch' });
    expect(!v.ok && v.message).toContain(r1);
  });
});
