import { describe, expect, it } from 'vitest';
import { bEn, bZh, type BulletinKey } from './bulletins.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('通报 page texts', () => {
  it('has every Chinese text in English with the same placeholders', () => {
    for (const key of Object.keys(bZh) as BulletinKey[]) {
      expect(bEn[key], key).toBeTruthy();
      expect(placeholders(bEn[key]), key).toEqual(placeholders(bZh[key]));
      expect(bZh[key], key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(bEn).sort()).toEqual(Object.keys(bZh).sort());
  });
});
