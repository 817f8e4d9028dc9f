import { describe, expect, it } from 'vitest';
import { areaOf, compareUnits, matchQuality, type UnitLite } from './unit-ranking.js';

const UNITS: UnitLite[] = [
  { id: 'city', name: '示范市', kind: 'city', parentId: null },
  { id: 'dc', name: '东城区', kind: 'district', parentId: 'city' },
  { id: 'dc-wjj', name: '东城区卫生健康局', kind: 'department', parentId: 'dc' },
  { id: 'dc-s1', name: '和平街道', kind: 'street', parentId: 'dc' },
  { id: 'wjw', name: '市卫生健康委员会', kind: 'department', parentId: 'city' },
  { id: 'dcs', name: '市委督查室', kind: 'department', parentId: 'city' },
  { id: 'dc-office', name: '东城区督查室', kind: 'department', parentId: 'dc' },
];
const byId = new Map(UNITS.map((u) => [u.id, u]));
const ranked = (typed: string, home: string | null) =>
  UNITS.filter((u) => matchQuality(u.name, typed) < Infinity)
    .sort((a, b) => compareUnits(a, b, typed, home, byId))
    .map((u) => u.name);

describe(compareUnits.name, () => {
  it("offers the city's unit first to the city's staff and the district's to the district's", () => {
    expect(ranked('卫生健康', 'city')[0]).toBe('市卫生健康委员会');
    expect(ranked('卫生健康', 'dc')[0]).toBe('东城区卫生健康局');
  });

  it('puts the whole name before its start, and the start before a match inside', () => {
    expect(ranked('东城区', null)).toEqual(['东城区', '东城区督查室', '东城区卫生健康局']);
  });
});

describe(areaOf.name, () => {
  it('finds the district of a street and of a district bureau, and the city of a city department', () => {
    expect(areaOf('dc-s1', byId)?.id).toBe('dc');
    expect(areaOf('dc-wjj', byId)?.id).toBe('dc');
    expect(areaOf('wjw', byId)?.id).toBe('city');
    expect(areaOf('nowhere', byId)).toBeNull();
  });
});
