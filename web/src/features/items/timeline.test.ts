import { describe, expect, it } from 'vitest';
import { actorOf, actorText } from './timeline.js';

const units = (id: string | null) => (id === 'dept-wjw' ? '市卫生健康委员会' : (id ?? ''));

describe('timeline actor', () => {
  it('names the person and the unit as the server names them', () => {
    const a = actorOf({ actorUserId: 'u-17', actorName: '张敏', actorUnitId: 'dept-wjw', unitName: '市卫健委（服务端）' }, units);
    expect(a).toEqual({ person: '张敏', unit: '市卫健委（服务端）' });
    expect(actorText(a)).toBe('市卫健委（服务端） · 张敏');
  });

  it('falls back to the unit list and to the user id when the server sends no names', () => {
    expect(actorOf({ actorUserId: 'u-17', actorUnitId: 'dept-wjw' }, units)).toEqual({ person: 'u-17', unit: '市卫生健康委员会' });
    expect(actorOf({ actorUserId: 'u-17', actorName: null, actorUnitId: 'dept-x', unitName: null }, units)).toEqual({ person: 'u-17', unit: 'dept-x' });
  });

  it('leaves out what is not there (the system acting, no unit)', () => {
    expect(actorText(actorOf({ actorUserId: null, actorName: null, actorUnitId: null, unitName: null }, units))).toBe('');
    expect(actorText(actorOf({ actorUserId: 'u-1', actorName: '李四', actorUnitId: null, unitName: null }, units))).toBe('李四');
    expect(actorText({ person: '市卫生健康委员会 承办人', unit: '市卫生健康委员会' })).toBe('市卫生健康委员会 承办人');
    expect(actorText({ person: '', unit: '市卫生健康委员会' })).toBe('市卫生健康委员会');
  });
});
