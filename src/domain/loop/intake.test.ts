import { describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../ledger-types/examples.js';
import { rulesFor } from '../notify/rules.js';
import { given } from './spec/decider.js';
import { decide } from './decide.js';
import { A, at, cmd, createCommand, ctxFor, ITEM, run, STORY, T0 } from './spec/fixtures.js';

const assign = (over: Record<string, unknown> = {}) => cmd('AssignItem', { leadUnitId: 'city-ajj', coUnitIds: ['city-sthj'], deadline: '2026-03-31', ...over });

describe('CreateItem (立项)', () => {
  it("records a draft for the supervisor's own unit, at version 1", () => {
    const item = given([])
      .when(A.supDcs, createCommand())
      .then([{ type: 'ItemCreated', itemId: ITEM, version: 1, at: T0, by: { userId: 'sup-dcs', unitId: 'city-dcs' } }]);
    expect(item).toMatchObject({ status: 'draft', version: 1, ownerUnitId: 'city-dcs', createdBy: 'sup-dcs', createdAt: T0, leadUnitId: null, source: { kind: 'manual' } });
  });

  it('lets a supervisor above the owner unit record it', () => {
    given([])
      .when(A.supCity, createCommand('directive', { ownerUnitId: 'east-dcs' }))
      .then([{ type: 'ItemCreated' }]);
  });

  it.each([
    ['a handler', A.handlerAjj, {}, 'forbidden'],
    ['a leader', A.leaderCity, {}, 'forbidden'],
    ['a supervisor of another area', A.supEast, {}, 'forbidden'],
    ['an unknown owner unit', A.supCity, { ownerUnitId: 'ghost' }, 'unit_not_found'],
    ['a missing required field', A.supDcs, { fields: { sourceName: '常委会' } }, 'validation_failed'],
    ['a field the type does not have', A.supDcs, { fields: { ...EXAMPLE_FIELDS.directive!.draft, colour: 'red' } }, 'validation_failed'],
    ['another ledger type than the context', A.supDcs, { ledgerType: 'hazard' }, 'validation_failed'],
    ['an empty title', A.supDcs, { title: '  ' }, 'validation_failed'],
    ['itself as parent', A.supDcs, { parentId: ITEM }, 'validation_failed'],
  ] as const)('refuses %s', (_name, who, over, code) => {
    given([]).when(who, createCommand('directive', over)).thenRefused(code);
  });

  it('refuses to create an item that exists', () => {
    given(STORY.draft).when(A.supDcs, createCommand()).thenRefused('invalid_transition');
  });

  it('refuses a command that is not one', () => {
    given([])
      .when(A.supDcs, { type: 'DeleteItem', itemId: ITEM, data: {} } as never)
      .thenRefused('validation_failed');
  });
});

describe('EditDraft', () => {
  it('changes the title and patches fields of a draft', () => {
    const item = given(STORY.draft)
      .when(A.supDcs, cmd('EditDraft', { title: '新标题', fields: { workPlan: '分三步推进', sourceName: null } }))
      .then([{ type: 'DraftEdited', version: 2 }]);
    expect(item.title).toBe('新标题');
    expect(item.fields).toMatchObject({ workPlan: '分三步推进', category: 'meeting_decision' });
    expect(item.fields).not.toHaveProperty('sourceName');
  });

  it.each([
    ['once assigned', STORY.assigned, A.supDcs, { title: 'x' }, 'invalid_transition'],
    ['by a supervisor of another area', STORY.draft, A.supEast, { title: 'x' }, 'forbidden'],
    ['with nothing to change', STORY.draft, A.supDcs, {}, 'validation_failed'],
    ['clearing a required field', STORY.draft, A.supDcs, { fields: { category: null } }, 'validation_failed'],
  ] as const)('is refused %s', (_name, story, who, data, code) => {
    given(story).when(who, cmd('EditDraft', data)).thenRefused(code);
  });
});

describe('AssignItem (交办)', () => {
  it('hands the draft to a lead unit and co-units; both deadlines start equal', () => {
    const item = given(STORY.draft)
      .when(A.supDcs, assign({ contacts: { 'city-ajj': '李科长' } }))
      .then([{ type: 'ItemAssigned', version: 2 }]);
    expect(item).toMatchObject({
      status: 'assigned',
      leadUnitId: 'city-ajj',
      coUnitIds: ['city-sthj'],
      originalDeadline: '2026-03-31',
      currentDeadline: '2026-03-31',
      plannedStart: '2026-03-02',
      assignedAt: T0,
      contacts: { 'city-ajj': '李科长' },
    });
  });

  it('accepts a report cadence instead of a deadline (长期坚持)', () => {
    const item = given(STORY.draft)
      .when(A.supDcs, assign({ deadline: null, cadence: 'monthly' }))
      .then([{ type: 'ItemAssigned' }]);
    expect(item).toMatchObject({ cadence: 'monthly', currentDeadline: null });
  });

  it('judges "in the past" by the city\'s date: 01:00 in Shanghai is already the next day', () => {
    const now = '2026-03-01T17:00:00.000Z';
    given(STORY.draft)
      .when(A.supDcs, assign({ deadline: '2026-03-02' }), { now })
      .then([{ type: 'ItemAssigned' }]);
    given(STORY.draft)
      .when(A.supDcs, assign({ deadline: '2026-03-01' }), { now })
      .thenRefused('deadline_in_past');
  });

  it.each([
    ['with a deadline in the past', A.supDcs, { deadline: '2026-03-01' }, 'deadline_in_past'],
    ['to an unknown unit', A.supDcs, { leadUnitId: 'ghost' }, 'unit_not_found'],
    ['with the lead unit also a co-unit', A.supDcs, { coUnitIds: ['city-ajj'] }, 'validation_failed'],
    ['without a deadline or a cadence', A.supDcs, { deadline: null }, 'validation_failed'],
    ['with a malformed date', A.supDcs, { deadline: '2026-02-30' }, 'validation_failed'],
    ['with a planned start after the deadline', A.supDcs, { plannedStart: '2026-04-10' }, 'validation_failed'],
    ['with a contact of a unit not assigned', A.supDcs, { contacts: { west: '王' } }, 'validation_failed'],
    ['by a handler', A.handlerAjj, {}, 'forbidden'],
    ['by a supervisor of another area', A.supEast, {}, 'forbidden'],
  ] as const)('is refused %s', (_name, who, over, code) => {
    given(STORY.draft).when(who, assign(over)).thenRefused(code);
  });

  it("keeps a district's item inside the district", () => {
    const eastDraft = [{ who: A.supEast, command: createCommand('directive', { ownerUnitId: 'east-dcs' }) }];
    given(eastDraft)
      .when(A.supEast, assign({ leadUnitId: 'east-ajj', coUnitIds: ['east-s1'] }))
      .then([{ type: 'ItemAssigned' }]);
    given(eastDraft)
      .when(A.supEast, assign({ leadUnitId: 'east-ajj', coUnitIds: ['west-ajj'] }))
      .thenRefused('forbidden');
  });

  it('is refused once assigned', () => {
    given(STORY.assigned).when(A.supDcs, assign()).thenRefused('invalid_transition');
  });
});

describe('AcceptItem (签收) and ReturnItem (退回)', () => {
  it('the lead unit accepts and names its contact', () => {
    const item = given(STORY.assigned)
      .when(A.handlerAjj, cmd('AcceptItem', { contact: '张科长' }), { now: at(1) })
      .then([{ type: 'ItemAccepted', version: 3 }]);
    expect(item).toMatchObject({ status: 'in_progress', acceptedAt: at(1), contacts: { 'city-ajj': '张科长' } });
  });

  // 交办 on Monday 2 March 2026; a directive is to be accepted within 2 working days, i.e. by Wednesday 4 March.
  it('marks a 签收 after the acceptance window as late, and the accepted_late rule fires for it', () => {
    const accept = cmd('AcceptItem', {});
    const decideAt = (now: string) => decide(run(STORY.assigned).item, { ...accept, expectedVersion: 2 }, ctxFor(A.handlerAjj, { now }))[0]!;
    const onTime = decideAt(at(2, 14));
    expect(onTime.data).toEqual({ contact: null });
    expect(decideAt(at(3)).data).toEqual({ contact: null, late: true });
    const late = given(STORY.assigned)
      .when(A.handlerAjj, accept, { now: at(3) })
      .then([{ type: 'ItemAccepted', data: { contact: null, late: true } }]);
    expect(late.acceptedAt).toBe(at(3));
    const fires = (data: Record<string, unknown>) => rulesFor({ type: 'ItemAccepted', payload: data, ledgerType: 'directive' }).map((r) => r.key);
    expect(fires({ contact: null, late: true })).toEqual(['accepted_late']);
    expect(fires({ contact: null })).toEqual([]);
  });

  it.each([
    ['a co-unit', STORY.assigned, A.handlerSthj, 'forbidden'],
    ['a supervisor', STORY.assigned, A.supDcs, 'forbidden'],
    ['a draft', STORY.draft, A.handlerAjj, 'invalid_transition'],
    ['an item already accepted', STORY.inProgress, A.handlerAjj, 'invalid_transition'],
  ] as const)('accept is refused for %s', (_name, story, who, code) => {
    given(story).when(who, cmd('AcceptItem')).thenRefused(code);
  });

  it('the lead unit returns it with a reason, back to a draft without assignees', () => {
    const item = given(STORY.assigned)
      .when(A.handlerAjj, cmd('ReturnItem', { reason: '不属于本单位职责' }))
      .then([{ type: 'ItemReturned', data: { reason: '不属于本单位职责', fromUnitId: 'city-ajj' } }]);
    expect(item).toMatchObject({ status: 'draft', leadUnitId: null, coUnitIds: [], originalDeadline: null, currentDeadline: null, assignedAt: null });
    expect(item.counters.returns).toBe(1);
  });

  it.each([
    ['without a reason', STORY.assigned, A.handlerAjj, ' ', 'reason_required'],
    ['by a co-unit', STORY.assigned, A.handlerSthj, '不属于', 'forbidden'],
    ['after acceptance', STORY.inProgress, A.handlerAjj, '不属于', 'invalid_transition'],
  ] as const)('return is refused %s', (_name, story, who, reason, code) => {
    given(story).when(who, cmd('ReturnItem', { reason })).thenRefused(code);
  });
});

describe('optimistic concurrency', () => {
  it('refuses a command written against another version', () => {
    given(STORY.assigned).when(A.handlerAjj, { type: 'AcceptItem', itemId: ITEM, expectedVersion: 1, data: {} }).thenRefused('version_conflict');
    given(STORY.assigned)
      .when(A.handlerAjj, { type: 'AcceptItem', itemId: ITEM, expectedVersion: 2, data: {} })
      .then([{ type: 'ItemAccepted' }]);
  });

  it('refuses a command for an item that does not exist', () => {
    given([]).when(A.handlerAjj, cmd('AcceptItem')).thenRefused('invalid_transition');
  });
});
