import Nzh from 'nzh';

const DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Characters that can make up a number in a readout: ASCII and full-width digits and Chinese numerals. */
export const NUM_CHARS = '0-9０-９〇零一二两三四五六七八九十百';

/**
 * The value of a number as written in a readout: 12, １２, 十二, 两, 三十六. Returns null when it is none.
 * nzh decodes the counting forms; 两 and the positional forms (二〇二〇) are mapped here because nzh misreads them.
 */
export function parseNumber(raw: string): number | null {
  const s = raw.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '两') return 2;
  if (/^[〇零一二两三四五六七八九]+$/.test(s) && s.length > 1) return Number([...s].map((c) => DIGIT[c]).join(''));
  if (!/^[零一二两三四五六七八九十百]+$/.test(s)) return null;
  const n = Number(Nzh.cn.decodeS(s.replace(/两/g, '二')));
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** A year written with digits or positional numerals (2020, 二〇二〇); null otherwise. */
export function parseYear(raw: string): number | null {
  const s = raw.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^\d{4}$/.test(s)) return Number(s);
  if (/^[〇零一二三四五六七八九]{4}$/.test(s)) return Number([...s].map((c) => DIGIT[c]).join(''));
  return null;
}
