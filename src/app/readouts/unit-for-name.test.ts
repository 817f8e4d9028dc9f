import { describe, expect, it } from 'vitest';
import type { StoredUnit } from '../../store/index.js';
import { unitForName } from './draft.js';

const unit = (id: string, name: string, parentId: string | null = 'city'): StoredUnit =>
  ({ id, name, kind: 'department', parentId, code: null, sortOrder: 0 }) as unknown as StoredUnit;

describe(unitForName.name, () => {
  const tree = [unit('city', '某市', null), unit('c-nr', '某市自然资源局'), unit('x-nr', '某县自然资源局', 'xian'), unit('x-ag', '某县农业农村局', 'xian')];

  it('resolves the name the readout wrote in the tenant’s own tree first (a county bureau, not the city’s)', () => {
    expect(unitForName(tree, '市自然资源局', '县自然资源局')).toBe('x-nr');
  });

  it('falls back to the catalogue name, and gives nothing when two units fit', () => {
    expect(unitForName(tree, '市农业农村局')).toBe('x-ag');
    expect(unitForName(tree, '市自然资源局')).toBeNull();
    expect(unitForName(tree, '市自然资源局', '自然资源局')).toBeNull();
  });
});
