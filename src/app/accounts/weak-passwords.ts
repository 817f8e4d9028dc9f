import { readFileSync } from 'node:fs';
import { dictionary } from '@zxcvbn-ts/language-common';

/*
 * Passwords refused whatever their length (NIST 800-63B 3.1.1.2: "values known to be commonly-used, expected, or
 * compromised"). The general list is the 49,233 entries of `passwords-common` in @zxcvbn-ts/language-common
 * (MIT; gathered by the zxcvbn project from public breach corpora); data/weak-passwords-zh.txt adds those
 * common in Chinese systems. A password is weak when, lower-cased and with common letter-for-digit or symbol
 * swaps undone, it is on a list, or is a listed word with only digits and symbols around it
 * ("Password@2026!", "Admin#123456"), or one character repeated, or a run of the keyboard or the digits.
 */

const LEET: Readonly<Record<string, string>> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't' };
const RUNS = ['01234567890', '09876543210', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz', '1qaz2wsx3edc4rfv5tgb', 'qazwsxedcrfvtgbyhnujm'];

let words: Set<string> | null = null;
function list(): Set<string> {
  if (words) return words;
  const zh = readFileSync(new URL('./data/weak-passwords-zh.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#'));
  words = new Set([...(dictionary as Record<string, string[]>)['passwords-common']!, ...zh]);
  return words;
}

const unleet = (s: string): string => [...s].map((c) => LEET[c] ?? c).join('');

/** Whether the password is common, a common word dressed with digits and symbols, a repeat or a run. */
export function isWeakPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const set = list();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  const candidates = [lower, unleet(lower), core, unleet(core), unleet(lower).replace(/^[\d\W_]+|[\d\W_]+$/g, '')];
  if (candidates.some((c) => c.length >= 3 && set.has(c))) return true;
  if (new Set(lower).size <= 2) return true;
  const stripped = lower.replace(/[\W_]/g, '');
  return stripped.length >= 6 && RUNS.some((r) => r.includes(stripped) || [...r].reverse().join('').includes(stripped));
}
