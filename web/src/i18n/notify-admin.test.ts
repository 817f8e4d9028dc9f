import { describe, expect, it } from 'vitest';
import { AUDIENCES, NOTIFY_RULES as DEFAULT_RULES } from '../../../src/contracts/http/notify-admin.js';
import { naEn, naZh, type NaKey } from './notify-admin.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('notifications tab texts', () => {
  it('has every Chinese text in English with the same placeholders, and nothing English-only', () => {
    for (const key of Object.keys(naZh) as NaKey[]) {
      expect(naEn[key], key).toBeTruthy();
      expect(placeholders(naEn[key]), key).toEqual(placeholders(naZh[key]));
      expect(naZh[key], key).toMatch(/[\u4e00-\u9fff]|^(AccessKey ID|AccessKey Secret|SecretId|SecretKey)$/);
    }
    expect(Object.keys(naEn).sort()).toEqual(Object.keys(naZh).sort());
  });
});

describe('notification rule names', () => {
  it('names every rule of the table, in Chinese as the messages do', () => {
    for (const rule of DEFAULT_RULES) expect(naZh[`rule.${rule.key}` as NaKey], rule.key).toBe(rule.label);
    for (const audience of AUDIENCES) expect(naZh[`audience.${audience}` as NaKey], audience).toBeTruthy();
  });
});
