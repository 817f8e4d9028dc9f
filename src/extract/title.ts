/**
 * A title a ledger can carry (GUIDELINES-independent, issue #6 of the extractor): a short register phrase such as
 * 加强大中型企业融资信贷支持, at most 30 characters, without the attribution (会议强调,), the numbering (一是) or the
 * modal (要, 必须) that open the sentence. The full sentence stays the directive's text. Pure.
 */

export const TITLE_MAX = 30;

const ATTRIBUTION = /^[^,，:：;；。]{0,24}?(?:强调|指出|要求|提出|明确|表示|认为|决定|強調)[,，:：]/;
const NUMBERING = /^(?:[一二三四五六七八九十]+(?:是|要|、)|第[一二三四五六七八九十]+[,，、:：]?|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|——|-)/;
const CONNECTIVE = /^(?:同时|另外|此外|特别是|尤其是|其次|首先|最后|还|并|对此)[,，]?/;
const SUBJECT_THEN_MODAL = /^[^,，:：;；。]{1,16}?(?:要|须|必须|务必|应当|一定要)(?=[\u4e00-\u9fff])/;
const MODAL =
  /^(?:还要|也要|更要|都要|就要|一定要|必须要|要|必须|务必|须|需|应当|应|请|进一步|切实|坚决|全力|全力以赴|扎实|认真|持续|继续|更加|着力|努力|积极|全面|要进一步|加快推动|统筹)+/;
const LEADING_TIME = /^(?:在|于)[^,，;；。]{1,12}?(?:前|内|以内|之前)(?=[\u4e00-\u9fff]{2})/;
const KEEP_VERB_AFTER_MODAL = /^(?:推进|加强|加快|抓好|做好|落实|开展|推动|强化|完善|建立|健全|深化)/;

/** Strip what opens the sentence but carries no work: attribution, numbering, connectives, subject + modal. */
function strip(s: string): string {
  let t = s.trim();
  for (let k = 0; k < 4; k += 1) {
    const before = t;
    t = t.replace(ATTRIBUTION, '').replace(NUMBERING, '').replace(CONNECTIVE, '').replace(LEADING_TIME, '').trim();
    const subj = SUBJECT_THEN_MODAL.exec(t);
    // 各级各部门要… / 县自然资源局要…: the actors are the lead, not the title.
    if (subj && !/[抓做推加落开强完建健深]/.test(subj[0].slice(0, -1))) t = t.slice(subj[0].length);
    const m = MODAL.exec(t);
    if (m && m[0].length < t.length) {
      const rest = t.slice(m[0].length);
      // 切实加强… keeps 加强; 要进一步 alone is dropped.
      t = KEEP_VERB_AFTER_MODAL.test(rest) || !/^(?:切实|扎实|全面|积极|持续|加快推动|统筹)$/.test(m[0]) ? rest : t;
    }
    if (t === before) break;
  }
  return t;
}

const CLAUSE = /[,，;；:：。！!？?]/;
// Clauses that name actors or a time, not the work: 由市发改委负责, 会同县应急管理局, 在5月底前, 于10个工作日内.
const NOT_WORK = /^(?:由.{1,20}(?:负责|牵头|承办)|(?:会同|联合|配合|协同).{1,20}|(?:在|于|力争|争取|确保)?.{0,10}(?:前|内|以内|之前|底))$/;

function cap(s: string): string {
  if (s.length <= TITLE_MAX) return s;
  const cut = s.slice(0, TITLE_MAX);
  const k = Math.max(cut.lastIndexOf('、'), cut.lastIndexOf('和'), cut.lastIndexOf('及'));
  return k >= 12 ? cut.slice(0, k) : cut;
}

function balanceQuotes(s: string): string {
  let t = s;
  const open = (t.match(/[“《「]/g) ?? []).length;
  const close = (t.match(/[”》」]/g) ?? []).length;
  if (open > close) t = t.replace(/[“《「][^“《「]*$/, '').trim() || s.replace(/[“《「”》」]/g, '');
  return t;
}

/**
 * The ledger title of a directive. `clauseStart`, when given, is the offset of the clause that carries the work
 * (a task's first task clause); the title is made from there, else from the sentence's first clause.
 */
export function ledgerTitle(text: string, clauseStart = 0): string {
  const from = strip(text.slice(clauseStart));
  const whole = strip(text);
  const pick = (s: string): string => {
    const parts = s
      .split(CLAUSE)
      .map((p) => strip(p.trim()))
      .filter((p) => p && !NOT_WORK.test(p));
    let t = strip(parts[0] ?? '');
    // A clause of two or three characters (一要, 抓落实) says little: take the next one with it.
    if (t.length < 5 && parts[1]) t = `${t}${t ? ',' : ''}${strip(parts[1])}`;
    return t;
  };
  let title = pick(from) || pick(whole) || whole;
  title = balanceQuotes(cap(title)).replace(/[,，、;；:：。！!？?\s]+$/, '');
  return title || text.trim().slice(0, TITLE_MAX);
}
