/*
 * The shapes of personal data that need no word segmenter: 居民身份证号 with its check digit, mobile and
 * landline numbers, bank cards (Luhn), e-mail addresses and licence plates. No imports and no I/O, so the web
 * app runs the very same rules while a person types (names need jieba and stay on the server; see detect.ts).
 */

export type PersonalKind = 'id_number' | 'mobile' | 'landline' | 'bank_card' | 'email' | 'plate' | 'name';

export interface PersonalSpan {
  readonly kind: PersonalKind;
  readonly start: number;
  /** End offset (exclusive), in UTF-16 code units of the text. */
  readonly end: number;
  readonly text: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Whether an 18-character 居民身份证号 carries the right check digit (GB 11643). */
export function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

/** Whether a digit string passes the Luhn check. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const PATTERNS: readonly { kind: Exclude<PersonalKind, 'name'>; re: RegExp; ok?: (m: string) => boolean }[] = [
  { kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  {
    kind: 'id_number',
    re: /(?<![\dA-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g,
    ok: validIdNumber,
  },
  { kind: 'bank_card', re: /(?<![\d-])(?:[3-6]\d{3}[ -]?)(?:\d{4}[ -]?){2}\d{4}(?:\d{1,3})?(?![\d-])/g, ok: (m) => luhn(m.replace(/[ -]/g, '')) },
  { kind: 'mobile', re: /(?<![\d-])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![\d-])/g },
  { kind: 'landline', re: /(?<![\d-])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[ -]?)[2-9]\d{6,7}(?:[-转]\d{1,5})?(?![\d-])/g },
  {
    kind: 'plate',
    re: /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•]?(?:[DF][A-HJ-NP-Z0-9]{5}|[A-HJ-NP-Z0-9]{5}(?![A-Za-z0-9])|[A-HJ-NP-Z0-9]{4}[挂学警])/g,
  },
];

export function overlaps(spans: readonly PersonalSpan[], start: number, end: number): boolean {
  return spans.some((s) => s.start < end && start < s.end);
}

/** The personal data of `text` found by its shape alone (no names), in order, none overlapping. */
export function detectShapes(text: string): PersonalSpan[] {
  const spans: PersonalSpan[] = [];
  for (const p of PATTERNS) {
    for (const m of text.matchAll(p.re)) {
      const value = m[0];
      const start = m.index;
      const end = start + value.length;
      if (p.ok && !p.ok(value)) continue;
      if (!overlaps(spans, start, end)) spans.push({ kind: p.kind, start, end, text: value });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
