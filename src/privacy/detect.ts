import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { detectShapes, overlaps, type PersonalSpan } from './shapes.js';
import { surnameOf } from './surnames.js';

/*
 * Personal data found in free text: 居民身份证号 (checked by its ISO 7064 MOD 11-2 digit), mobile and landline
 * numbers, bank card numbers (Luhn), e-mail addresses, licence plates and person names. Pure: text in, spans
 * out. Names come from the segmenter's part of speech (`nr`) or from a common surname followed by a given name
 * beside a word that introduces a person (联系人, 当事人, 同志, 反映 …); either way the name must start with a
 * common surname. Measured on the test set beside this file (see the README for the figures).
 */

export { luhn, validIdNumber, type PersonalKind, type PersonalSpan } from './shapes.js';

// Words that introduce a person right before a name (联系人王小明, 复核人：于洋, 告知申请人许文博).
const INTRO =
  /(?:联系人|当事人|举报人|投诉人|反映人|申请人|户主|业主|村民|居民|群众|姓名|负责人|经办人|复核人|法定代表人|车主|老人|患者|住户|家属|租户|驾驶人|志愿者|[向给]|告知|通知|打入|约谈|走访|慰问|看望)[:：\s]?/gu;
// What may follow a name: punctuation, an honorific, or a word a person does (来电, 反映, 提供 …).
const ENDS_NAME =
  /^(?:$|[^\p{Script=Han}]|同志|先生|女士|老人|夫妇|一家|家|等|反映|称|诉称|投诉|举报|来电|来访|提供|表示|要求|认为|同意|到场|签字|独居|的|对|身份证|电话|手机|联系|系|已|于|现|住|户|及|和|与)/u;
// A name at the start of a sentence needs one of these right after it.
const ENDS_SENTENCE_NAME = /^(?:同志|先生|女士|来电|来访|称|反映|提供|表示|要求|和|与|、|等人)/;
const LIST = /^[、和与及]/;
const TITLE_AFTER = /^(?:局长|主任|书记|处长|科长|县长|区长|市长|镇长|乡长|村长|组长|所长|部长|厅长|院长|校长|经理|主席|委员|副)/;
// Names of places and bodies the segmenter may tag as a person's (高新区, 王府井, 申请人).
const NOT_A_NAME = /[区县市省镇乡村局厅委办院所站队人井港湾路街河湖山]$/;
const HAN = /^\p{Script=Han}+$/u;
// Particles and function words that end a phrase, never a given name (马俊的, 韩雪两).
const NOT_NAME_END = /[的了在是和与及等已于对向给两把被将从]$/;

let jieba: Jieba | undefined;
const segmenter = (): Jieba => (jieba ??= Jieba.withDict(dict));

/** Whether `cand` reads as surname + a given name of one or two characters. */
function fullName(cand: string): boolean {
  const surname = surnameOf(cand);
  if (surname === null || !HAN.test(cand) || cand.length <= surname.length || cand.length > surname.length + 2) return false;
  return !NOT_A_NAME.test(cand) && !NOT_NAME_END.test(cand) && !TITLE_AFTER.test(cand.slice(surname.length));
}

interface Tokens {
  readonly boundaries: ReadonlySet<number>;
  /** Length of the token starting at an offset (0 when none starts there). */
  readonly lengthAt: ReadonlyMap<number, number>;
}

function nameSpans(text: string, taken: readonly PersonalSpan[]): PersonalSpan[] {
  const out: PersonalSpan[] = [];
  const add = (start: number, end: number): boolean => {
    if (overlaps(taken, start, end) || overlaps(out, start, end)) return false;
    out.push({ kind: 'name', start, end, text: text.slice(start, end) });
    return true;
  };
  const tagged = segmenter().tag(text, false);
  const boundaries = new Set<number>([0]);
  const lengthAt = new Map<number, number>();
  const starts: number[] = [];
  let at = 0;
  for (const t of tagged) {
    const i = text.indexOf(t.word, at);
    starts.push(i);
    lengthAt.set(i, t.word.length);
    at = i + t.word.length;
    boundaries.add(i).add(at);
  }
  const tokens: Tokens = { boundaries, lengthAt };
  // A name may end where a token ends and what follows is a word of its own, punctuation or a cue.
  const endsHere = (end: number, cue: RegExp, strict: boolean): boolean => {
    const rest = text.slice(end);
    if (TITLE_AFTER.test(rest)) return false;
    return cue.test(rest) || (!strict && tokens.boundaries.has(end) && (tokens.lengthAt.get(end) ?? 0) >= 2);
  };
  // The longest reading of a name starting at `start`, added; then a name listed after it (张三、李四).
  const nameFrom = (start: number, cue: RegExp, strict = false): void => {
    for (let len = 4; len >= 2; len--) {
      const end = start + len;
      if (end > text.length || !fullName(text.slice(start, end)) || !endsHere(end, cue, strict)) continue;
      if (add(start, end) && LIST.test(text.slice(end))) nameFrom(end + 1, ENDS_NAME);
      return;
    }
  };
  // 1. The segmenter's person names (nr, nrt, nrfg), a compound surname split off (欧阳/ns 娜娜/nrt) joined back.
  tagged.forEach(({ word, tag }, i) => {
    if (!/^nr/.test(tag)) return;
    const prev = tagged[i - 1];
    const start = prev && prev.word.length === 2 && surnameOf(prev.word) === prev.word ? starts[i - 1]! : starts[i]!;
    const end = starts[i]! + word.length;
    if (fullName(text.slice(start, end)) && !TITLE_AFTER.test(text.slice(end)) && add(start, end) && LIST.test(text.slice(end))) nameFrom(end + 1, ENDS_NAME);
  });
  // 2. Right after a word that introduces a person.
  for (const m of text.matchAll(INTRO)) nameFrom(m.index + m[0].length, ENDS_NAME);
  // 3. At the start of a sentence, when a cue follows (梁志刚来电称, 邓超和蒋欣).
  for (const m of text.matchAll(/(?:^|[，。；：！？,;:\s（(])/gu)) nameFrom(m.index + m[0].length, ENDS_SENTENCE_NAME, true);
  // 4. Right before 同志, 先生, 女士.
  for (const m of text.matchAll(/(?=同志|先生|女士)/g)) {
    for (let len = 4; len >= 2; len--) {
      if (m.index - len >= 0 && fullName(text.slice(m.index - len, m.index)) && tokens.boundaries.has(m.index - len)) {
        add(m.index - len, m.index);
        break;
      }
    }
  }
  return out;
}

/** Every piece of personal data found in `text`, in order, none overlapping. */
export function detectPersonalData(text: string): PersonalSpan[] {
  const spans = detectShapes(text);
  spans.push(...nameSpans(text, spans));
  return spans.sort((a, b) => a.start - b.start);
}
