import * as OpenCC from 'opencc-js/t2cn';
import type { Script } from './types.js';

let converter: ((s: string) => string) | undefined;

function t2cn(s: string): string {
  const convert = (converter ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  return convert(s);
}

/**
 * A simplified-script view of `text` with exactly the same length, so that every offset found in the view is an
 * offset in the original. OpenCC converts phrase by phrase and almost always keeps lengths; where a line's
 * length changes, that line falls back to character-by-character conversion, keeping any character whose
 * conversion is not a single UTF-16 unit.
 */
export function toSimplifiedSameLength(text: string): string {
  const whole = t2cn(text);
  if (whole.length === text.length) return whole;
  return text
    .split('\n')
    .map((line) => {
      const conv = t2cn(line);
      if (conv.length === line.length) return conv;
      let out = '';
      for (const ch of line) {
        const c = ch.length === 1 ? t2cn(ch) : ch;
        out += c.length === ch.length ? c : ch;
      }
      return out;
    })
    .join('\n');
}

/**
 * Which script the text is written in: traditional when at least 3 characters and 2% of the CJK characters
 * change under traditional→simplified conversion.
 */
export function detectScript(text: string, simplified: string): Script {
  let cjk = 0;
  let changed = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      cjk += 1;
      if (text[i] !== simplified[i]) changed += 1;
    }
  }
  return changed >= 3 && changed >= cjk * 0.02 ? 'traditional' : 'simplified';
}
