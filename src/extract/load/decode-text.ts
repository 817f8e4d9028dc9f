import { loadError } from './errors.js';

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  notes: string[];
}

// The most frequent characters of Chinese prose: text decoded with the right encoding is full of them,
// a wrong decoding (mojibake) almost never is.
const COMMON = new Set(
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞会议要求强调指出推进落实加强工作',
);

/** Share of characters that look like real Chinese or ASCII text (0..1); mojibake and binary score low. */
export function plausibility(text: string): number {
  let good = 0;
  let n = 0;
  for (const ch of text.slice(0, 20_000)) {
    n += 1;
    const c = ch.codePointAt(0) as number;
    if (COMMON.has(ch)) good += 1;
    else if (c === 0xfffd || (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09)) good -= 2;
    else if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09) good += 0.8;
    else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || '“”‘’、…—·'.includes(ch)) good += 1;
    else if (c >= 0x4e00 && c <= 0x9fff) good += 0.35;
  }
  return n === 0 ? 0 : Math.max(0, good / n);
}

function decode(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function bom(bytes: Uint8Array): TextEncodingName | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** ASCII-rich UTF-16 without a BOM shows zero bytes on one side of each pair. */
function utf16ByZeros(bytes: Uint8Array): TextEncodingName | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 8192);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even += 1;
    if (bytes[i + 1] === 0) odd += 1;
  }
  const pairs = n / 2;
  // Newlines, digits and ASCII punctuation of a Chinese text are enough: their zero byte is always on the same side.
  if (pairs > 0 && odd >= pairs * 0.01 && even * 4 <= odd) return 'utf-16le';
  if (pairs > 0 && even >= pairs * 0.01 && odd * 4 <= even) return 'utf-16be';
  return null;
}

/**
 * Decode the bytes of a plain-text readout: UTF-8, GB18030 (a superset of GBK and GB2312) or UTF-16, found by the
 * byte-order mark, by the zero bytes of UTF-16, by strict decoding and by how Chinese the result reads. A declared
 * encoding is tried first and kept when it reads as well as the best candidate; otherwise the better reading wins
 * and a note says so.
 *
 * @throws DomainError `readout_empty`, `readout_binary` (zero bytes or control characters), `readout_encoding`
 *   (no candidate reads as text).
 */
export function decodeText(bytes: Uint8Array, declared?: TextEncodingName): DecodedText {
  const notes: string[] = [];
  const marked = bom(bytes);
  const zeros = marked ? null : utf16ByZeros(bytes);
  if (!marked && !zeros && bytes.includes(0)) throw loadError('readout_binary', 'zero bytes in a text file');
  const order: TextEncodingName[] = [marked ?? zeros, declared, 'utf-8', 'gb18030', 'utf-16le', 'utf-16be'].filter(
    (e, k, all): e is TextEncodingName => e != null && all.indexOf(e) === k,
  );
  let best: DecodedText | null = null;
  let bestScore = -1;
  for (const enc of order) {
    const text = decode(bytes, enc);
    if (text === null) continue;
    const score = plausibility(text) + (enc === declared || enc === marked ? 0.05 : 0);
    if (score > bestScore) {
      best = { text, encoding: enc, notes };
      bestScore = score;
    }
    // A strict UTF-8 decoding of Chinese text is never an accident: stop there.
    if (enc === 'utf-8' && score > 0.6) break;
  }
  if (!best || bestScore < 0.45) {
    throw bestScore >= 0 && best && controlShare(best.text) > 0.05 ? loadError('readout_binary', 'control characters') : loadError('readout_encoding');
  }
  if (declared && best.encoding !== declared) notes.push(`declared encoding ${declared} does not fit the bytes; read as ${best.encoding}`);
  const text = best.text;
  if (text.trim().length === 0) throw loadError('readout_empty');
  return { text, encoding: best.encoding, notes };
}

function controlShare(text: string): number {
  let n = 0;
  for (const ch of text.slice(0, 20_000)) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b) n += 1;
  }
  return n / Math.max(1, Math.min(text.length, 20_000));
}
