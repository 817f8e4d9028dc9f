import { describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../ledger-types/examples.js';
import type { Actor } from '../roles.js';
import { given } from './spec/decider.js';
import { A, at, cmd, createCommand, run, STORY, type Step } from './spec/fixtures.js';

const closure = (type: string, over: Record<string, unknown> = {}) =>
  cmd('RequestClosure', { summary: '已办结', evidence: ['file:done'], fields: EXAMPLE_FIELDS[type]!.closure, ...over });

/** A story for any ledger type up to the closure request, owned by `owner` and led by `lead`. */
function closingStory(type: string, sup: Actor, owner: string, lead: Actor, fields = EXAMPLE_FIELDS[type]!.draft): Step[] {
  return [
    { who: sup, command: createCommand(type, { ownerUnitId: owner, fields }) },
    { who: sup, command: cmd('AssignItem', { leadUnitId: lead.unitId, deadline: '2026-06-30' }) },
    { who: lead, command: cmd('AcceptItem') },
    { who: lead, command: closure(type), now: at(3) },
  ];
}

describe('RequestClosure (申请办结)', () => {
  it('puts the item in its first closure stage with the closure fields and evidence', () => {
    const item = given(STORY.inProgress)
      .when(A.handlerAjj, closure('directive'), { now: at(10) })
      .then([{ type: 'ClosureRequested', data: { stage: { stageIndex: 0, stageKey: 'review' }, evidence: ['file:done'] } }]);
    expect(item).toMatchObject({ status: 'closing', stageIndex: 0, stageKey: 'review', closureRequestedAt: at(10), stageEnteredAt: at(10), evidence: ['file:done'] });
    expect(item.fields.outcome).toBe(EXAMPLE_FIELDS.directive!.closure.outcome);
  });

  it('withdraws a pending extension request', () => {
    const steps: Step[] = [...STORY.inProgress, { who: A.handlerAjj, command: cmd('RequestExtension', { deadline: '2026-04-30', reason: '协调' }) }];
    const item = given(steps)
      .when(A.handlerAjj, closure('directive'))
      .then([{ type: 'ClosureRequested' }]);
    expect(item.pendingExtension).toBeNull();
  });

  it.each([
    ['without evidence', STORY.inProgress, A.handlerAjj, { evidence: [] }, 'validation_failed'],
    ['without the fields filled at closure', STORY.inProgress, A.handlerAjj, { fields: {} }, 'validation_failed'],
    ['changing a field recorded at creation', STORY.inProgress, A.handlerAjj, { fields: { ...EXAMPLE_FIELDS.directive!.closure, category: 'other' } }, 'validation_failed'],
    ['by a co-unit', STORY.inProgress, A.handlerSthj, {}, 'forbidden'],
    ['before acceptance', STORY.assigned, A.handlerAjj, {}, 'invalid_transition'],
    ['twice', STORY.closing, A.handlerAjj, {}, 'invalid_transition'],
  ] as const)('is refused %s', (_name, story, who, over, code) => {
    given(story).when(who, closure('directive', over)).thenRefused(code);
  });
});

describe('PassStage / RejectClosure', () => {
  it('passing the last stage closes the item: StagePassed then ItemClosed, one version', () => {
    const item = given(STORY.closing)
      .when(A.supDcs, cmd('PassStage', { note: '材料齐全' }), { now: at(11) })
      .then([
        { type: 'StagePassed', version: 5, data: { stage: { stageIndex: 0, stageKey: 'review' }, next: null, note: '材料齐全', rating: null } },
        { type: 'ItemClosed', version: 5 },
      ]);
    expect(item).toMatchObject({ status: 'closed', closedAt: at(11), stageIndex: null, stageKey: null, version: 5 });
  });

  it.each([
    ['by the handler', STORY.closing, A.handlerAjj, {}, 'forbidden'],
    ['by a leader where the supervisor decides', STORY.closing, A.leaderCity, {}, 'forbidden'],
    ['naming another stage than the current', STORY.closing, A.supDcs, { stageKey: 'public_notice' }, 'invalid_transition'],
    ['with a rating on a stage that takes none', STORY.closing, A.supDcs, { rating: { satisfaction: 'satisfied', resolved: true } }, 'validation_failed'],
    ['while still in progress', STORY.inProgress, A.supDcs, {}, 'invalid_transition'],
  ] as const)('pass is refused %s', (_name, story, who, data, code) => {
    given(story).when(who, cmd('PassStage', data)).thenRefused(code);
  });

  it('rejection sends the item back to work with the reason', () => {
    const item = given(STORY.closing)
      .when(A.supDcs, cmd('RejectClosure', { reason: '佐证材料不全' }))
      .then([{ type: 'ClosureRejected', data: { stage: { stageIndex: 0, stageKey: 'review' }, reason: '佐证材料不全' } }]);
    expect(item).toMatchObject({ status: 'in_progress', stageIndex: null, stageKey: null, closureRequestedAt: null });
    expect(item.counters.rejections).toBe(1);
  });

  it.each([
    ['without a reason', STORY.closing, A.supDcs, '', 'reason_required'],
    ['by the handler', STORY.closing, A.handlerAjj, '不全', 'forbidden'],
    ['once closed', STORY.closed, A.supDcs, '不全', 'invalid_transition'],
  ] as const)('reject is refused %s', (_name, story, who, reason, code) => {
    given(story).when(who, cmd('RejectClosure', { reason })).thenRefused(code);
  });
});

describe('整改 closure: 验收 → 公示 7 days → 审签 by a leader → 上级复核', () => {
  const cityRect = closingStory('rectification', A.supDcs, 'city-dcs', A.handlerSthj);
  const afterAcceptance: Step[] = [...cityRect, { who: A.supDcs, command: cmd('PassStage'), now: at(5) }];

  it('the notice cannot pass before its 7 days have run, and can on the 8th day', () => {
    expect(run(afterAcceptance, 'rectification').item).toMatchObject({ stageKey: 'public_notice', stageEnteredAt: at(5) });
    const err = given(afterAcceptance, 'rectification')
      .when(A.supDcs, cmd('PassStage'), { now: at(11, 14) })
      .thenRefused('notice_period_running');
    expect(err.details).toMatchObject({ noticeEnds: '2026-03-14' });
    given(afterAcceptance, 'rectification')
      .when(A.supDcs, cmd('PassStage'), { now: at(12) })
      .then([{ type: 'StagePassed', data: { next: { stageKey: 'sign_off', stageIndex: 2 } } }]);
  });

  it('an objection during the notice rejects it at once', () => {
    given(afterAcceptance, 'rectification')
      .when(A.supDcs, cmd('RejectClosure', { reason: '群众反映仍有排污' }), { now: at(6) })
      .then([{ type: 'ClosureRejected' }]);
  });

  const atSignOff: Step[] = [...afterAcceptance, { who: A.supDcs, command: cmd('PassStage'), now: at(12) }];

  it("审签 is a leader's, not the supervisor's", () => {
    given(atSignOff, 'rectification')
      .when(A.supDcs, cmd('PassStage'), { now: at(13) })
      .thenRefused('forbidden');
    given(atSignOff, 'rectification')
      .when(A.leaderWest, cmd('PassStage'), { now: at(13) })
      .thenRefused('forbidden');
    given(atSignOff, 'rectification')
      .when(A.leaderCity, cmd('PassStage'), { now: at(13) })
      .then([{ type: 'StagePassed', data: { next: { stageKey: 'upper_review' } } }]);
  });

  it("上级复核 of a district's item needs a supervisor of the city", () => {
    const east = closingStory('rectification', A.supEast, 'east-dcs', A.handlerEastAjj);
    const atUpper: Step[] = [
      ...east,
      { who: A.supEast, command: cmd('PassStage'), now: at(4) },
      { who: A.supEast, command: cmd('PassStage'), now: at(12) },
      { who: A.leaderEast, command: cmd('PassStage'), now: at(12) },
    ];
    expect(run(atUpper, 'rectification').item.stageKey).toBe('upper_review');
    given(atUpper, 'rectification')
      .when(A.supEast, cmd('PassStage'), { now: at(13) })
      .thenRefused('forbidden');
    const item = given(atUpper, 'rectification')
      .when(A.supDcs, cmd('PassStage'), { now: at(13) })
      .then([{ type: 'StagePassed' }, { type: 'ItemClosed' }]);
    expect(item.status).toBe('closed');
  });
});

describe('回访 and conditional stages', () => {
  const appeal = closingStory('appeal', A.supDcs, 'city-dcs', A.handlerAjj);
  const atVisit: Step[] = [...appeal, { who: A.supDcs, command: cmd('PassStage'), now: at(4) }];

  it('a follow-up visit records satisfaction and whether it was solved', () => {
    given(atVisit, 'appeal').when(A.supDcs, cmd('PassStage')).thenRefused('validation_failed');
    const rating = { satisfaction: 'basically_satisfied', resolved: true } as const;
    const item = given(atVisit, 'appeal')
      .when(A.supDcs, cmd('PassStage', { stageKey: 'follow_up', rating }))
      .then([{ type: 'StagePassed', data: { rating } }, { type: 'ItemClosed' }]);
    expect(item.rating).toEqual(rating);
  });

  it('a 重大 hazard goes to 复查验收; a 一般 one to 验收', () => {
    const major = { ...EXAMPLE_FIELDS.hazard!.draft, level: 'major', responsibility: '张某', measures: '整改', funds: 1000, timeLimit: '2026-04-30', contingencyPlan: '封闭' };
    expect(run(closingStory('hazard', A.supDcs, 'city-dcs', A.handlerAjj, major), 'hazard').item.stageKey).toBe('recheck');
    expect(run(closingStory('hazard', A.supDcs, 'city-dcs', A.handlerAjj), 'hazard').item.stageKey).toBe('acceptance');
  });
});

describe('ReopenItem (回头看)', () => {
  it('a rebound sends a closed item back to work, optionally with a new deadline', () => {
    const item = given(STORY.closed)
      .when(A.supDcs, cmd('ReopenItem', { reason: '回头看发现问题反弹', deadline: '2026-05-31' }), { now: at(40) })
      .then([{ type: 'ItemReopened', data: { reason: '回头看发现问题反弹', deadline: '2026-05-31' } }]);
    expect(item).toMatchObject({ status: 'in_progress', closedAt: null, originalDeadline: '2026-03-31', currentDeadline: '2026-05-31' });
    expect(item.counters.reopens).toBe(1);
  });

  it.each([
    ['without a reason', STORY.closed, A.supDcs, { reason: '' }, 'reason_required'],
    ['while still open', STORY.inProgress, A.supDcs, { reason: '反弹' }, 'invalid_transition'],
    ['once cancelled', STORY.cancelled, A.supDcs, { reason: '反弹' }, 'invalid_transition'],
    ['by the handler', STORY.closed, A.handlerAjj, { reason: '反弹' }, 'forbidden'],
    ['with a deadline in the past', STORY.closed, A.supDcs, { reason: '反弹', deadline: '2026-04-01' }, 'deadline_in_past'],
  ] as const)('is refused %s', (_name, story, who, data, code) => {
    given(story)
      .when(who, cmd('ReopenItem', data), { now: at(40) })
      .thenRefused(code);
  });

  it('refuses a new deadline before the original one', () => {
    given(STORY.closed)
      .when(A.supDcs, cmd('ReopenItem', { reason: '反弹', deadline: '2026-03-20' }), { now: at(12) })
      .thenRefused('validation_failed');
  });
});
