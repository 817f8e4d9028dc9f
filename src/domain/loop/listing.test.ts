import { describe, expect, it } from 'vitest';
import { EXAMPLE_FIELDS } from '../ledger-types/examples.js';
import { decide } from './decide.js';
import { given } from './spec/decider.js';
import { A, at, cmd, createCommand, ctxFor, run, STORY, type Step } from './spec/fixtures.js';

const list = (level: 'city' | 'district', reason = '重大隐患,限期整改') => cmd('ListItem', { level, reason });
const listedByDcs: Step[] = [...STORY.inProgress, { who: A.supDcs, command: list('city'), now: at(2) }];
const closedListed: Step[] = [
  ...listedByDcs,
  { who: A.handlerAjj, command: cmd('RequestClosure', { summary: '已完成', evidence: ['file:1'], fields: EXAMPLE_FIELDS.directive!.closure }), now: at(10) },
  { who: A.supDcs, command: cmd('PassStage', {}), now: at(11) },
];

/** An item of 东区 listed at district level by the district's supervisor, and closed. */
const eastClosedListed: Step[] = [
  { who: A.supEast, command: createCommand('directive', { ownerUnitId: 'east-dcs' }) },
  { who: A.supEast, command: cmd('AssignItem', { leadUnitId: 'east-ajj', deadline: '2026-03-31' }) },
  { who: A.supEast, command: list('district'), now: at(1) },
  { who: A.handlerEastAjj, command: cmd('AcceptItem', {}), now: at(1) },
  { who: A.handlerEastAjj, command: cmd('RequestClosure', { summary: '已完成', evidence: ['file:1'], fields: EXAMPLE_FIELDS.directive!.closure }), now: at(5) },
  { who: A.supEast, command: cmd('PassStage', {}), now: at(6) },
];

describe('ListItem (挂牌督办)', () => {
  it('lists an item at a level with the reason, and the item carries the listing', () => {
    const item = given(STORY.inProgress)
      .when(A.supDcs, list('city'), { now: at(2) })
      .then([{ type: 'ItemListed', data: { level: 'city', reason: '重大隐患,限期整改' } }]);
    expect(item.listing).toEqual({ level: 'city', reason: '重大隐患,限期整改', by: 'sup-dcs', unitId: 'city-dcs', at: at(2) });
    expect(item.status).toBe('in_progress');
  });

  it('lets a district supervisor list its own item at district level', () => {
    expect(run(eastClosedListed.slice(0, 3)).item.listing).toMatchObject({ level: 'district', by: 'sup-east' });
  });

  it.each([
    ['an item already listed', listedByDcs, A.supDcs, list('district'), 'invalid_transition'],
    ['a draft', STORY.draft, A.supDcs, list('city'), 'invalid_transition'],
    ['a closed item', STORY.closed, A.supDcs, list('city'), 'invalid_transition'],
    ['a cancelled item', STORY.cancelled, A.supDcs, list('city'), 'invalid_transition'],
    ['a handler', STORY.inProgress, A.handlerAjj, list('district'), 'forbidden'],
    ['a supervisor of another area', STORY.inProgress, A.supEast, list('district'), 'forbidden'],
    ['a district supervisor at city level', eastClosedListed.slice(0, 2), A.supEast, list('city'), 'forbidden'],
    ['a blank reason', STORY.inProgress, A.supDcs, list('city', '  '), 'reason_required'],
    ['an unknown level', STORY.inProgress, A.supDcs, cmd('ListItem', { level: 'province', reason: '理由' }), 'validation_failed'],
  ] as const)('is refused for %s', (_name, story, who, command, code) => {
    given(story).when(who, command).thenRefused(code);
  });
});

describe('UnlistItem (摘牌)', () => {
  it('unlists a closed item by the supervisor who listed it; the chain says whose listing ended', () => {
    const item = given(closedListed)
      .when(A.supDcs, cmd('UnlistItem', { note: '已验收销号' }), { now: at(12) })
      .then([{ type: 'ItemUnlisted', data: { level: 'city', listedBy: 'sup-dcs', note: '已验收销号' } }]);
    expect(item.listing).toBeNull();
    expect(item.status).toBe('closed');
  });

  it('lets a supervisor of the area above unlist a district listing', () => {
    given(eastClosedListed)
      .when(A.supDcs, cmd('UnlistItem', {}), { now: at(7) })
      .then([{ type: 'ItemUnlisted', data: { level: 'district', listedBy: 'sup-east', note: null } }]);
  });

  it.each([
    ['an item still at work', listedByDcs, A.supDcs, 'invalid_transition'],
    ['an item in acceptance', closedListed.slice(0, -1), A.supDcs, 'invalid_transition'],
    ['an item never listed', STORY.closed, A.supDcs, 'invalid_transition'],
    ['another supervisor of the same area', closedListed, A.supCity, 'forbidden'],
    ['a supervisor below the one who listed it', closedListed, A.supEast, 'forbidden'],
    ['a handler', closedListed, A.handlerAjj, 'forbidden'],
  ] as const)('is refused for %s', (_name, story, who, code) => {
    given(story).when(who, cmd('UnlistItem', {})).thenRefused(code);
  });

  it('keeps the listing through a reopen (回头看), so the item stays under supervision', () => {
    const { item } = run([...closedListed, { who: A.supDcs, command: cmd('ReopenItem', { reason: '回头看发现反弹' }), now: at(20) }]);
    expect(item.listing).toMatchObject({ level: 'city' });
    expect(() => decide(item, cmd('UnlistItem', {}), ctxFor(A.supDcs, { now: at(21) }))).toThrow(expect.objectContaining({ code: 'invalid_transition' }));
  });
});
