import { describe, expect, it } from 'vitest';
import { readoutEn, readoutZh, type ReadoutKey } from './readouts.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('readouts texts', () => {
  it('has every Chinese text in English with the same placeholders, and nothing English-only', () => {
    for (const key of Object.keys(readoutZh) as ReadoutKey[]) {
      expect(readoutEn[key], key).toBeTruthy();
      expect(placeholders(readoutEn[key]), key).toEqual(placeholders(readoutZh[key]));
      expect(readoutZh[key], key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(readoutEn).sort()).toEqual(Object.keys(readoutZh).sort());
  });
});
