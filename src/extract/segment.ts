import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import domainDict from './data/domain-dict.json' with { type: 'json' };

/** A word of the segmented text with its offsets (end exclusive). */
export interface Token {
  w: string;
  s: number;
  e: number;
}

let jieba: Jieba | undefined;
const known = new Set<string>();
const encoder = new TextEncoder();

function instance(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    addDomainWords(domainDict.words);
  }
  return jieba;
}

/**
 * Teach the segmenter words of the domain (lexicon terms, department names) so that they come out as one token.
 * Idempotent; words already added are skipped.
 */
export function addDomainWords(words: Iterable<string>): void {
  const fresh: string[] = [];
  for (const w of words) {
    const word = w.trim();
    if (word.length < 2 || known.has(word) || /\s/.test(word)) continue;
    known.add(word);
    fresh.push(`${word} ${domainDict.frequency} n`);
  }
  if (fresh.length > 0) instance().loadDict(encoder.encode(fresh.join('\n') + '\n'));
}

/**
 * Segment `text` into words (jieba, exact mode without HMM so that results are stable). The tokens cover the
 * text exactly; when the segmenter ever returns something that does not, the text falls back to one token per
 * character, so offsets stay right.
 */
export function segment(text: string): Token[] {
  if (text.length === 0) return [];
  const words = instance().cut(text, false);
  const tokens: Token[] = [];
  let pos = 0;
  for (const w of words) {
    if (text.startsWith(w, pos)) {
      tokens.push({ w, s: pos, e: pos + w.length });
      pos += w.length;
    } else {
      return [...text].reduce<Token[]>((acc, ch) => {
        const s = acc.length ? (acc[acc.length - 1] as Token).e : 0;
        acc.push({ w: ch, s, e: s + ch.length });
        return acc;
      }, []);
    }
  }
  return tokens;
}
