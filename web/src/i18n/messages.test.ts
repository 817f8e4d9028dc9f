import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { format, translate } from './index.js';
import { zh } from './zh.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('translates every Chinese string into English with the same placeholders', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(en[key], key).toBeTruthy();
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(format('共 {n} 条', { n: 12 })).toBe('共 12 条');
    expect(format('{a}/{b}', { a: 1 })).toBe('1/{b}');
    expect(translate(null, 'common.total', { n: 3 })).toBe('共 3 条');
    expect(translate(en, 'common.total', { n: 3 })).toBe('3 in all');
  });
});
