import type { Cadence, ItemStatus, Priority } from '../../domain/item.js';
import type { Light } from '../../domain/lights.js';

/*
 * The words an exported sheet shows, the same the web app shows (web/src/i18n): offices forward the file to
 * leaders, so it carries labels, never codes. Import reads them back, in either language.
 */

export type Lang = 'zh' | 'en';
type Words<K extends string> = Readonly<Record<K, readonly [zh: string, en: string]>>;

export const STATUS_WORDS: Words<ItemStatus> = {
  draft: ['草稿', 'Draft'],
  assigned: ['待签收', 'To accept'],
  in_progress: ['办理中', 'In progress'],
  closing: ['办结审核中', 'Closure review'],
  closed: ['已办结', 'Closed'],
  cancelled: ['已撤销', 'Cancelled'],
};

export const LIGHT_WORDS: Words<Light> = {
  red: ['红灯', 'Red'],
  yellow: ['黄灯', 'Yellow'],
  green: ['绿灯', 'Green'],
  none: ['无', 'None'],
};

export const PRIORITY_WORDS: Words<Priority> = {
  normal: ['一般', 'Normal'],
  high: ['重要', 'High'],
  urgent: ['紧急', 'Urgent'],
};

export const CADENCE_WORDS: Words<Cadence> = {
  weekly: ['每周', 'Weekly'],
  biweekly: ['每半月', 'Twice a month'],
  monthly: ['每月', 'Monthly'],
  quarterly: ['每季度', 'Quarterly'],
};

/** How a closed item met its scoring deadline. */
export const TIMELINESS_WORDS = { onTime: ['按期', 'On time'], late: ['超期', 'Late'] } as const;

/** The 办结情况 column's words, as the web shows a closed item. */
export const CLOSURE_WORDS = { onTime: ['按期办结', 'Closed on time'], late: ['超期办结', 'Closed late'] } as const;

export const YES_NO = { yes: ['是', 'Yes'], no: ['否', 'No'] } as const;

export const word = (w: readonly [string, string], lang: Lang): string => (lang === 'zh' ? w[0] : w[1]);

/** The code whose word (in either language, or the code itself) is `text`; undefined when none. */
export function codeOf<K extends string>(words: Words<K>, text: string): K | undefined {
  const t = text.trim().toLowerCase();
  for (const [code, [zh, en]] of Object.entries(words) as [K, readonly [string, string]][]) {
    if (t === zh.toLowerCase() || t === en.toLowerCase() || t === code) return code;
  }
  return undefined;
}

/** 是/否 (or yes/no, true/false, 1/0) as a boolean; undefined when it is neither. */
export function booleanOf(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (['是', 'yes', 'y', 'true', '1', '√'].includes(t)) return true;
  if (['否', 'no', 'n', 'false', '0', '×'].includes(t)) return false;
  return undefined;
}
