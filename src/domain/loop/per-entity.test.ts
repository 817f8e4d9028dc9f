import { describe, expect, it } from 'vitest';
import { resolveLedgerType } from '../ledger-types/config.js';
import type { Item } from '../item.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { perEntityCommands } from './per-entity.js';
import { A, ctxFor } from './spec/fixtures.js';

const plan = resolveLedgerType('school_plan');
const schools = [{ name: '第一中学', code: 'S001' }, { name: '实验小学' }];
const template = { tenantId: 't', ownerUnitId: 'city-dcs', title: '{entity}秋季开学防控方案', fields: { template: '秋季开学防控方案' }, parentId: 'parent-1' };
const minted = { itemIds: ['p1', 'p2'], numbers: ['一校一方案〔2026〕0001号', '一校一方案〔2026〕0002号'] };

describe('perEntityCommands (一校一方案)', () => {
  it('makes one draft per school under the parent, each accepted by decide', () => {
    const commands = perEntityCommands(plan, template, schools, minted);
    const items = commands.map((c) => evolve(null, decide(null, c, ctxFor(A.supDcs, { type: 'school_plan' }))[0]!)) as Item[];
    expect(items.map((i) => [i.id, i.title, i.fields.entity, i.fields.entityCode ?? null, i.parentId])).toEqual([
      ['p1', '第一中学秋季开学防控方案', '第一中学', 'S001', 'parent-1'],
      ['p2', '实验小学秋季开学防控方案', '实验小学', null, 'parent-1'],
    ]);
  });

  it.each([
    ['a type that is not per-entity', resolveLedgerType('directive'), schools, minted],
    ['an empty list', plan, [], { itemIds: [], numbers: [] }],
    ['a repeated school', plan, [{ name: '第一中学' }, { name: '第一中学 ' }], minted],
    ['a school without a name', plan, [{ name: ' ' }, { name: '实验小学' }], minted],
    ['fewer ids than schools', plan, schools, { itemIds: ['p1'], numbers: minted.numbers }],
  ] as const)('refuses %s', (_name, type, entities, ids) => {
    expect(() => perEntityCommands(type, template, entities, ids)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});
