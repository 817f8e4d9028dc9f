import type { Instant } from '../../ids.js';
import type { Item } from '../../item.js';
import { resolveLedgerType } from '../../ledger-types/config.js';
import { EXAMPLE_FIELDS } from '../../ledger-types/examples.js';
import type { Actor, Role } from '../../roles.js';
import { DEFAULT_TIME_ZONE } from '../../time.js';
import { UnitTree, type Unit } from '../../units.js';
import type { CommandInput } from '../commands.js';
import type { DecideContext } from '../context.js';
import { decide } from '../decide.js';
import { evolve } from '../evolve.js';
import type { ItemEvent } from '../events.js';

/** A small city for the loop's tests: two districts, a few departments, a street and a community. */
export const UNITS: Unit[] = [
  { id: 'city', name: '某市', kind: 'city', parentId: null },
  { id: 'city-dcs', name: '市委督查室', kind: 'department', parentId: 'city' },
  { id: 'city-ajj', name: '市应急管理局', kind: 'department', parentId: 'city' },
  { id: 'city-sthj', name: '市生态环境局', kind: 'department', parentId: 'city' },
  { id: 'east', name: '东区', kind: 'district', parentId: 'city' },
  { id: 'east-dcs', name: '东区督查室', kind: 'department', parentId: 'east' },
  { id: 'east-ajj', name: '东区应急管理局', kind: 'department', parentId: 'east' },
  { id: 'east-s1', name: '东湖街道', kind: 'street', parentId: 'east' },
  { id: 'east-c1', name: '东湖社区', kind: 'community', parentId: 'east-s1' },
  { id: 'west', name: '西区', kind: 'district', parentId: 'city' },
  { id: 'west-ajj', name: '西区应急管理局', kind: 'department', parentId: 'west' },
];
export const TREE = UnitTree.from(UNITS);

export const actor = (userId: string, unitId: string, ...roles: Role[]): Actor => ({ userId, unitId, roles });

/** The people of the test city, by what they do. */
export const A = {
  supCity: actor('sup-city', 'city', 'supervisor'),
  supDcs: actor('sup-dcs', 'city-dcs', 'supervisor'),
  supEast: actor('sup-east', 'east-dcs', 'supervisor'),
  handlerAjj: actor('h-ajj', 'city-ajj', 'handler'),
  handlerSthj: actor('h-sthj', 'city-sthj', 'handler'),
  handlerEastAjj: actor('h-east-ajj', 'east-ajj', 'handler'),
  handlerWestAjj: actor('h-west-ajj', 'west-ajj', 'handler'),
  leaderCity: actor('leader-city', 'city', 'leader'),
  leaderEast: actor('leader-east', 'east', 'leader'),
  leaderWest: actor('leader-west', 'west', 'leader'),
  auditor: actor('auditor', 'city', 'auditor'),
} as const;

/** Monday 2 March 2026, 09:00 in Shanghai. */
export const T0: Instant = '2026-03-02T01:00:00.000Z';

/** `T0` plus whole days (and hours). */
export const at = (days: number, hours = 0): Instant => new Date(Date.parse(T0) + (days * 24 + hours) * 3_600_000).toISOString();

export interface CtxOptions {
  readonly now?: Instant;
  readonly type?: string;
}

export const ctxFor = (who: Actor, opts: CtxOptions = {}): DecideContext => ({
  actor: who,
  units: TREE,
  ledgerType: resolveLedgerType(opts.type ?? 'directive'),
  now: opts.now ?? T0,
  timeZone: DEFAULT_TIME_ZONE,
});

export const ITEM = 'item-1';

export function createCommand(type = 'directive', over: Record<string, unknown> = {}): CommandInput {
  return {
    type: 'CreateItem',
    itemId: ITEM,
    data: {
      tenantId: 'tenant-1',
      ledgerType: type,
      number: '督办〔2026〕0001号',
      title: '全面排查整治城市安全运行风险隐患',
      ownerUnitId: 'city-dcs',
      fields: EXAMPLE_FIELDS[type]!.draft,
      ...over,
    },
  } as CommandInput;
}

/** One step of a story: who does what, when. */
export interface Step {
  readonly who: Actor;
  readonly command: CommandInput;
  readonly now?: Instant;
}

/** Runs steps through decide + evolve; throws on the first refusal (a story's steps must all be allowed). */
export function run(steps: readonly Step[], type = 'directive'): { item: Item; events: ItemEvent[] } {
  let item: Item | null = null;
  const events: ItemEvent[] = [];
  for (const s of steps) {
    const out = decide(item, s.command, ctxFor(s.who, { now: s.now, type }));
    for (const e of out) item = evolve(item, e);
    events.push(...out);
  }
  return { item: item!, events };
}

const cmd = (type: string, data: Record<string, unknown> = {}): CommandInput => ({ type, itemId: ITEM, data }) as CommandInput;
export { cmd };

/** Steps that bring a directive (owned by 市委督查室, led by 市应急管理局 with 市生态环境局) to each state. */
export const STORY = {
  draft: [{ who: A.supDcs, command: createCommand() }],
  get assigned(): Step[] {
    return [...this.draft, { who: A.supDcs, command: cmd('AssignItem', { leadUnitId: 'city-ajj', coUnitIds: ['city-sthj'], deadline: '2026-03-31' }) }];
  },
  get inProgress(): Step[] {
    return [...this.assigned, { who: A.handlerAjj, command: cmd('AcceptItem', { contact: '张科长' }), now: at(1) }];
  },
  get closing(): Step[] {
    return [
      ...this.inProgress,
      { who: A.handlerAjj, command: cmd('RequestClosure', { summary: '已完成', evidence: ['file:1'], fields: EXAMPLE_FIELDS.directive!.closure }), now: at(10) },
    ];
  },
  get closed(): Step[] {
    return [...this.closing, { who: A.supDcs, command: cmd('PassStage', {}), now: at(11) }];
  },
  get cancelled(): Step[] {
    return [...this.inProgress, { who: A.supDcs, command: cmd('CancelItem', { reason: '任务调整' }), now: at(2) }];
  },
};
