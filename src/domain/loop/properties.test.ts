import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import type { Item, ItemStatus } from '../item.js';
import { EXAMPLE_FIELDS } from '../ledger-types/examples.js';
import type { Actor } from '../roles.js';
import { addDays, DEFAULT_TIME_ZONE, toLocalDate } from '../time.js';
import type { CommandInput, CommandType } from './commands.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { CONSEQUENCE_EVENT_TYPES, ITEM_EVENT_TYPES, parseEvent, type ItemEvent, type ItemEventType } from './events.js';
import { brokenInvariants } from './invariants.js';
import { recheckDue } from './reminders.js';
import { replay, replayAll } from './replay.js';
import { deepFreeze } from './spec/decider.js';
import { A, at, createCommand, ctxFor, ITEM } from './spec/fixtures.js';

const ACTORS: readonly Actor[] = Object.values(A);
const TYPES = ['directive', 'rectification', 'hazard', 'dispute', 'appeal', 'signal', 'school_plan'] as const;
const UNITS = ['city-ajj', 'city-sthj', 'east-ajj', 'east-s1', 'west-ajj', 'ghost'] as const;
const ACTIONS: readonly Exclude<CommandType, 'CreateItem'>[] = [
  'EditDraft',
  'EditItem',
  'AssignItem',
  'AcceptItem',
  'ReturnItem',
  'ReportProgress',
  'ReportAsCoUnit',
  'RequestExtension',
  'ApproveExtension',
  'DenyExtension',
  'RequestClosure',
  'PassStage',
  'RejectClosure',
  'ReopenItem',
  'ConfirmRecheck',
  'CancelItem',
  'UrgeItem',
  'GiveInstruction',
];

/** One random step: raw choices, turned into a command against the item and clock of the moment. */
const stepArb = fc.record({
  action: fc.constantFrom(...ACTIONS),
  /** Most steps pick an action that fits the state, or sequences would seldom get past the draft. */
  fitting: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
  pick: fc.nat(),
  smartActor: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  actor: fc.nat(ACTORS.length - 1),
  /** Mostly hours between actions, sometimes days (so deadlines and notices pass too). */
  advanceHours: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 12 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 120 }), weight: 1 }),
  unit: fc.nat(UNITS.length - 1),
  coUnits: fc.subarray([...UNITS.slice(0, 5)], { maxLength: 2 }),
  dayOffset: fc.constantFrom(-2, 0, 1, 7, 30, 60),
  blank: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  percent: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(150)),
  evidence: fc.constantFrom([] as string[], ['f1'], ['f1', 'f2']),
  withFields: fc.boolean(),
  rating: fc.boolean(),
  cadence: fc.boolean(),
  staleVersion: fc.integer({ min: 0, max: 20 }),
});
type Choice = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const FITTING: Record<ItemStatus, readonly Exclude<CommandType, 'CreateItem'>[]> = {
  draft: ['EditDraft', 'AssignItem', 'AssignItem', 'GiveInstruction'],
  assigned: ['AcceptItem', 'AcceptItem', 'ReturnItem', 'UrgeItem', 'TransferItem', 'EscalateItem', 'EditItem'],
  in_progress: [
    'ReportProgress',
    'ReportAsCoUnit',
    'RequestExtension',
    'ApproveExtension',
    'DenyExtension',
    'RequestClosure',
    'RequestClosure',
    'UrgeItem',
    'TransferItem',
    'EscalateItem',
    'RequestReturn',
    'DecideReturn',
    'ListItem',
    'ListItem',
    'EditItem',
  ],
  closing: ['PassStage', 'PassStage', 'PassStage', 'RejectClosure'],
  closed: ['ReopenItem', 'GiveInstruction', 'UnlistItem', 'UnlistItem', 'ConfirmRecheck', 'ConfirmRecheck'],
  cancelled: ['GiveInstruction', 'ReopenItem'],
};

/** While an extension request waits, the supervisor usually decides it next. */
const PENDING: readonly Exclude<CommandType, 'CreateItem'>[] = ['ApproveExtension', 'DenyExtension', 'ReportProgress', 'RequestClosure'];
/** While a return request waits, likewise: the supervisor usually answers it, either way. */
const RETURN_PENDING: readonly Exclude<CommandType, 'CreateItem'>[] = ['DecideReturn', 'DecideReturn', 'ReportProgress', 'RequestClosure'];

function smartActor(action: CommandType, item: Item | null): Actor | undefined {
  const handlerOf = (unit: string | null | undefined) => ACTORS.find((a) => a.unitId === unit && a.roles.includes('handler'));
  switch (action) {
    case 'AcceptItem':
    case 'ReturnItem':
    case 'ReportProgress':
    case 'RequestExtension':
    case 'RequestClosure':
    case 'EscalateItem':
    case 'RequestReturn':
      return handlerOf(item?.leadUnitId);
    case 'ReportAsCoUnit':
      return handlerOf(item?.coUnitIds[0]);
    case 'GiveInstruction':
      return A.leaderCity;
    case 'PassStage':
    case 'RejectClosure':
      return item?.stageKey === 'sign_off' ? A.leaderCity : A.supCity;
    case 'CreateItem':
    case 'EditDraft':
    case 'EditItem':
    case 'AssignItem':
    case 'ApproveExtension':
    case 'DenyExtension':
    case 'ReopenItem':
    case 'ConfirmRecheck':
    case 'CancelItem':
    case 'UrgeItem':
    case 'TransferItem':
    case 'DecideReturn':
    case 'ListItem':
    case 'UnlistItem':
      return item?.ownerUnitId === 'east-dcs' ? A.supEast : A.supDcs;
  }
}

function commandFor(c: Choice, type: string, today: string, item: Item): CommandInput {
  const reason = c.blank ? ' ' : '理由';
  const date = addDays(today, c.dayOffset);
  const base = { itemId: ITEM, ...(c.staleVersion === 0 ? { expectedVersion: item.version + 1 } : {}) };
  const data: Record<string, Record<string, unknown>> = {
    EditDraft: c.blank ? {} : { title: '修改后的标题', fields: { ...EXAMPLE_FIELDS[type]!.draft } },
    EditItem: c.blank ? {} : c.withFields ? { fields: { ...EXAMPLE_FIELDS[type]!.draft } } : { title: '在办中修改的标题', priority: 'high' },
    AssignItem: { leadUnitId: UNITS[c.unit], coUnitIds: c.coUnits, deadline: c.cadence && c.blank ? null : date, cadence: c.cadence ? 'monthly' : null },
    AcceptItem: {},
    ReturnItem: { reason },
    ReportProgress: { text: '进展', percent: c.percent, evidence: c.evidence },
    ReportAsCoUnit: { text: '配合', evidence: c.evidence },
    RequestExtension: { deadline: addDays(item.currentDeadline ?? today, c.dayOffset), reason },
    ApproveExtension: c.blank ? {} : { deadline: addDays(item.pendingExtension?.requestedDeadline ?? today, c.dayOffset) },
    DenyExtension: { reason },
    RequestClosure: { summary: '办结', evidence: c.evidence, fields: c.withFields ? EXAMPLE_FIELDS[type]!.closure : {} },
    PassStage: c.rating ? { rating: { satisfaction: 'satisfied', resolved: !c.blank } } : {},
    RejectClosure: { reason },
    ReopenItem: c.withFields ? { reason, deadline: date } : { reason },
    ConfirmRecheck: { note: reason, evidence: c.evidence },
    CancelItem: { reason },
    UrgeItem: { automatic: c.blank },
    GiveInstruction: { text: c.blank ? ' ' : '批示' },
    TransferItem: { leadUnitId: UNITS[c.unit], reason, ...(c.withFields ? { deadline: date } : {}) },
    EscalateItem: { reason },
    RequestReturn: { reason },
    DecideReturn: c.rating ? { approve: false, reason } : { approve: true },
    ListItem: { level: c.withFields ? 'city' : 'district', reason },
    UnlistItem: {},
  };
  return { type: c.action, ...base, data: data[c.action] } as CommandInput;
}

const reachedStatuses = new Set<ItemStatus>();
const emittedTypes = new Set<ItemEventType>();
const refusalCodes = new Set<string>();

/** JSON round trip: what the store writes and reads back. */
const stored = (e: ItemEvent): unknown => JSON.parse(JSON.stringify(e));

describe('random action sequences by random actors', () => {
  it('reach no illegal state, version every accepted action by one, and replay exactly', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), fc.boolean(), fc.array(stepArb, { minLength: 1, maxLength: 40, size: 'max' }), (type, eastOwned, steps) => {
        const owner = eastOwned ? { who: A.supEast, ownerUnitId: 'east-dcs' } : { who: A.supDcs, ownerUnitId: 'city-dcs' };
        let now = at(0);
        const events: ItemEvent[] = [...decide(null, createCommand(type, { ownerUnitId: owner.ownerUnitId }), ctxFor(owner.who, { now, type }))];
        let item = deepFreeze(events.reduce<Item | null>(evolve, null)!);
        emittedTypes.add('ItemCreated');
        for (const c of steps) {
          now = new Date(Date.parse(now) + c.advanceHours * 3_600_000).toISOString();
          const fitting = item.pendingExtension ? PENDING : item.pendingReturn ? RETURN_PENDING : FITTING[item.status];
          const step = c.fitting ? { ...c, action: fitting[c.pick % fitting.length]! } : c;
          const who = (c.smartActor && smartActor(step.action, item)) || ACTORS[c.actor]!;
          const command = commandFor(step, type, toLocalDate(now), item);
          let out: ItemEvent[];
          try {
            out = decide(item, command, ctxFor(who, { now, type }));
          } catch (e) {
            // A refusal is always a DomainError with a code; the frozen item proves nothing was touched.
            expect(e).toBeInstanceOf(DomainError);
            refusalCodes.add((e as DomainError).code);
            continue;
          }
          expect(out.length).toBeGreaterThanOrEqual(1);
          for (const e of out) {
            expect(e.version).toBe(item.version + 1);
            expect(parseEvent(stored(e))).toEqual(e);
            emittedTypes.add(e.type);
          }
          const next = deepFreeze(out.reduce<Item>((i, e) => evolve(i, e), item));
          expect(next.version).toBe(item.version + 1);
          expect(brokenInvariants(next), `${step.action} → ${next.status}`).toEqual([]);
          events.push(...out);
          item = next;
          reachedStatuses.add(item.status);
          // The day job, now and then: a closed item's 回头看 falls due, written as the job writes it.
          const recheck = c.pick % 2 === 0 ? recheckDue(item, 1, addDays(toLocalDate(now), 1), DEFAULT_TIME_ZONE, now, { userId: 'sup-dcs', unitId: 'city-dcs' }) : null;
          if (recheck) {
            expect(parseEvent(stored(recheck))).toEqual(recheck);
            item = deepFreeze(evolve(item, recheck));
            expect(brokenInvariants(item)).toEqual([]);
            events.push(recheck);
          }
        }
        expect(replay(events.map(stored))).toEqual(item);
      }),
      // 1,000 runs: the coverage checks below need rare paths (a listed item unlisted after closing, a denied
      // return) to come up; at 400 they were missed about one run in eight.
      { numRuns: 1000 },
    );
    // The generator must actually drive items through the whole loop, or the property says little.
    expect([...reachedStatuses].sort()).toEqual(['assigned', 'cancelled', 'closed', 'closing', 'draft', 'in_progress']);
    expect([...emittedTypes].sort()).toEqual(ITEM_EVENT_TYPES.filter((t) => !CONSEQUENCE_EVENT_TYPES.includes(t)).sort());
    for (const code of ['invalid_transition', 'forbidden', 'reason_required', 'deadline_in_past', 'deadline_passed', 'validation_failed']) expect(refusalCodes).toContain(code);
  });

  it('replayAll rebuilds interleaved items from one stream', () => {
    const one = decide(null, createCommand(), ctxFor(A.supDcs));
    const two = decide(null, { ...createCommand(), itemId: 'item-2' } as CommandInput, ctxFor(A.supDcs));
    const item2 = evolve(null, two[0]!);
    const assigned = decide(item2, { type: 'AssignItem', itemId: 'item-2', data: { leadUnitId: 'city-ajj', deadline: '2026-04-01' } }, ctxFor(A.supDcs, { now: at(1) }));
    const items = replayAll([...one, ...two, ...assigned].map(stored));
    expect(items.get(ITEM)?.status).toBe('draft');
    expect(items.get('item-2')).toEqual(evolve(item2, assigned[0]!));
  });
});
