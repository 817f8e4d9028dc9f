import { describe, expect, it } from 'vitest';
import { withView } from './saved-views.js';

describe(withView.name, () => {
  it('puts the newest view first, replaces one saved again under its name, and keeps at most the limit', () => {
    let list = withView([], { name: '红灯', search: 'light=red' });
    list = withView(list, { name: '待签收', search: 'state=assigned' });
    list = withView(list, { name: '红灯', search: 'light=red&sort=deadline_asc' });
    expect(list).toEqual([
      { name: '红灯', search: 'light=red&sort=deadline_asc' },
      { name: '待签收', search: 'state=assigned' },
    ]);
    expect(withView(list, { name: 'x', search: '' }, 2)).toHaveLength(2);
  });
});
