/**
 * Sentence units (GUIDELINES §2), a line-for-line port of the corpus' units_reference.py.
 * A unit ends at a line break or at one of 。！？；!?; (closing quotes right after the terminator stay with it);
 * commas, colons and 、 never split; the unit is trimmed of spaces (incl. U+3000).
 */

const TERMINATORS = new Set(['。', '！', '？', '；', '!', '?', ';']);
const CLOSERS = new Set(['”', '’', '」', '』']);
const WS = new Set([' ', '\t', '\u3000', '\u00a0', '\r']);

export interface SentenceUnit {
  text: string;
  start: number;
  end: number;
  /** Index of the non-empty line the unit is on. */
  para: number;
}

/** Split `text` into sentence units in document order. Offsets are JS string indices into `text`. */
export function splitUnits(text: string): SentenceUnit[] {
  const units: SentenceUnit[] = [];
  let pos = 0;
  let para = -1;
  for (const line of text.split('\n')) {
    const lineStart = pos;
    pos += line.length + 1;
    if (isBlank(line)) continue;
    para += 1;
    let segStart = 0;
    let i = 0;
    while (i < line.length) {
      if (TERMINATORS.has(line[i] as string)) {
        let j = i + 1;
        while (j < line.length && CLOSERS.has(line[j] as string)) j += 1;
        emit(units, line, segStart, j, lineStart, para);
        segStart = j;
        i = j;
        continue;
      }
      i += 1;
    }
    emit(units, line, segStart, line.length, lineStart, para);
  }
  return units;
}

function isBlank(line: string): boolean {
  for (const ch of line) if (!WS.has(ch)) return false;
  return true;
}

function emit(units: SentenceUnit[], line: string, a: number, b: number, lineStart: number, para: number): void {
  let s = a;
  let e = b;
  while (s < e && WS.has(line[s] as string)) s += 1;
  while (e > s && WS.has(line[e - 1] as string)) e -= 1;
  if (e > s) units.push({ text: line.slice(s, e), start: lineStart + s, end: lineStart + e, para });
}

// §5 numbering: 一是 一要 一、 第一, (一) 1. 1、 — opening the unit, after a leading attribution clause, or after a colon.
const NUM = '(?:[一二三四五六七八九十]+(?:是|要|、)|第[一二三四五六七八九十]+[,，、:：]|[(（][一二三四五六七八九十]+[)）]|\\d+[.、．])';
const ATTRIB_VERBS = ['要求', '强调', '強調', '指出', '提出', '明确', '明確', '表示'];
const numStart = new RegExp('^' + NUM);
const numAfterColon = new RegExp('[:：]' + NUM);
const numAfterAttr = new RegExp('^([^,，:：;；。]{0,25}?)[,，:：]' + NUM);

/** True when the unit is a numbered headline (GUIDELINES §5). Ordinal adverbs (首先/其次) are not numbering. */
export function isNumbered(sentence: string): boolean {
  if (numStart.test(sentence)) return true;
  if (numAfterColon.test(sentence)) return true;
  const m = numAfterAttr.exec(sentence);
  return m !== null && ATTRIB_VERBS.some((v) => (m[1] as string).includes(v));
}
