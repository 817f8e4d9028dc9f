import { surnameOf } from './surnames.js';
import { detectPersonalData, type PersonalKind, type PersonalSpan } from './detect.js';

/*
 * How each kind of personal data shows once masked: enough left to tell two apart on a page that names them
 * (the surname, the first and last digits), never enough to reach the person. 张* · 1101**********1234 ·
 * 138****5678 · 010-****5678 · 6222***********6789 · z***@163.com · 京A****5.
 */

const stars = (n: number): string => '*'.repeat(Math.max(0, n));

function keepEnds(value: string, head: number, tail: number): string {
  return value.slice(0, head) + stars(value.length - head - tail) + value.slice(value.length - tail);
}

/** The masked form of one detected piece of personal data. */
export function maskValue(kind: PersonalKind, value: string): string {
  switch (kind) {
    case 'name': {
      const keep = surnameOf(value)?.length ?? 1;
      return value.slice(0, keep) + stars(value.length - keep);
    }
    case 'id_number':
      return keepEnds(value, 4, 4);
    case 'mobile': {
      const digits = value.replace(/\D/g, '').slice(-11);
      return `${digits.slice(0, 3)}****${digits.slice(7)}`;
    }
    case 'landline': {
      const m = /^(\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[ -]?)(\d+)(.*)$/.exec(value);
      if (!m) return keepEnds(value, 0, 4);
      return m[1]! + keepEnds(m[2]!, 0, 4) + m[3]!.replace(/\d/g, '*');
    }
    case 'bank_card':
      return keepEnds(value.replace(/[ -]/g, ''), 4, 4);
    case 'email': {
      const at = value.indexOf('@');
      return `${value.slice(0, 1)}***${value.slice(at)}`;
    }
    case 'plate':
      return keepEnds(value, 2, 1);
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** `text` with every piece of personal data masked, and what was found. */
export function maskPersonalData(text: string): { text: string; found: PersonalSpan[] } {
  const found = detectPersonalData(text);
  let out = '';
  let at = 0;
  for (const s of found) {
    out += text.slice(at, s.start) + maskValue(s.kind, s.text);
    at = s.end;
  }
  return { text: out + text.slice(at), found };
}
