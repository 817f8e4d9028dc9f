import { describe, expect, it } from 'vitest';
import { UnitTree } from '../units.js';
import { supervisorCovers, supervisesOwner } from './guards.js';

const units = UnitTree.from([
  { id: 'city', name: '示范市', kind: 'city', parentId: null },
  { id: 'swb', name: '市委办公室', kind: 'department', parentId: 'city' },
  { id: 'dcs', name: '市委督查室', kind: 'department', parentId: 'swb' },
  { id: 'env', name: '市生态环境局', kind: 'department', parentId: 'city' },
  { id: 'd1', name: '东城区', kind: 'district', parentId: 'city' },
  { id: 'd1-office', name: '东城区督查室', kind: 'department', parentId: 'd1' },
  { id: 'd1s1', name: '和平街道', kind: 'street', parentId: 'd1' },
  { id: 'd1s1c1', name: '和平第一社区', kind: 'community', parentId: 'd1s1' },
  { id: 'd2', name: '西城区', kind: 'district', parentId: 'city' },
]);
const ctx = { units } as Parameters<typeof supervisesOwner>[0];

describe('supervisorCovers: a supervisor serves the area of its unit', () => {
  it('lets the city 督查室 supervise items owned anywhere in the city, districts and communities included', () => {
    for (const owner of ['city', 'swb', 'dcs', 'env', 'd1', 'd1-office', 'd1s1', 'd1s1c1', 'd2']) expect(supervisorCovers(ctx, 'dcs', owner), owner).toBe(true);
  });

  it('keeps a district 督查室 to its district, a street to its street', () => {
    expect(supervisorCovers(ctx, 'd1-office', 'd1s1c1')).toBe(true);
    expect(supervisorCovers(ctx, 'd1-office', 'd1')).toBe(true);
    expect(supervisorCovers(ctx, 'd1-office', 'd2')).toBe(false);
    expect(supervisorCovers(ctx, 'd1-office', 'city')).toBe(false);
    expect(supervisorCovers(ctx, 'd1s1', 'd1s1c1')).toBe(true);
    expect(supervisorCovers(ctx, 'd1s1', 'd1-office')).toBe(false);
  });

  it('covers nothing for an unknown unit', () => {
    expect(supervisorCovers(ctx, 'nowhere', 'city')).toBe(false);
  });
});
