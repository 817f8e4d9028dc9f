import * as chrono from 'chrono-node';
import type { LocalDate } from '../domain/ids.js';
import { isLocalDate } from '../domain/time.js';
import { addDays, addMonths, endOfMonth, festivalDate, parts, sundayOfWeek, ymd } from './dates.js';
import { NUM_CHARS, parseNumber, parseYear } from './numerals.js';
import type { Rules } from './rules.js';

/** What resolving a phrase needs to know. */
export interface DeadlineContext {
  meeting: LocalDate | null;
  /** Start of the campaign the unit belongs to (自3月11日起), for 为期N phrases. */
  campaignStart: LocalDate | null;
  addWorkingDays: ((start: LocalDate, n: number) => LocalDate) | null;
  festivals: Rules['festivals'];
}

/** A resolved date, or null with the reason when it cannot be given. */
export type Resolution = { date: LocalDate | null; note?: string };

export interface GrammarRule {
  name: string;
  re: RegExp;
  /** Characters of the match to leave out of the phrase at its start (e.g. the 于 of 于9月30日前完成). */
  skip?: (m: RegExpExecArray) => number;
  resolve: (m: RegExpExecArray, ctx: DeadlineContext) => Resolution;
}

const N = `[${NUM_CHARS}]{1,4}`;
const YEAR = '(?:(\\d{4}|[〇零一二三四五六七八九]{4})年)';
const BEFORE = '(?:前|之前|以前|为止)';
const WITHIN = '(?:内|以内|之内)';
const noYear: Resolution = { date: null, note: 'meeting date unknown' };

/** Year of an absolute month/day: the stated year, else the meeting year (next year when the month has passed). */
function yearFor(stated: string | undefined, month: number, ctx: DeadlineContext): number | null {
  if (stated) return parseYear(stated);
  if (!ctx.meeting) return null;
  const [y, m] = parts(ctx.meeting);
  return month < m ? y + 1 : y;
}

/** A stated day that does not exist (2月30日) is no deadline. */
function calendarDate(y: number, mo: number, day: number): Resolution {
  const date = ymd(y, mo, day);
  return isLocalDate(date) ? { date } : { date: null, note: 'not a calendar date' };
}

function meetingYear(ctx: DeadlineContext, offset: string | undefined): number | null {
  if (!ctx.meeting) return null;
  return parts(ctx.meeting)[0] + (offset === '明年' ? 1 : 0);
}

function month(raw: string | undefined): number | null {
  const n = raw ? parseNumber(raw) : null;
  return n !== null && n >= 1 && n <= 12 ? n : null;
}

function fromMeeting(ctx: DeadlineContext, f: (d: LocalDate) => LocalDate | null): Resolution {
  if (!ctx.meeting) return noYear;
  return { date: f(ctx.meeting) };
}

/**
 * The deadline grammar (GUIDELINES §8), tried in this order; matches are collected over the whole unit and the
 * longest wins where two overlap. Each resolves to the last day of its period.
 */
export const GRAMMAR: GrammarRule[] = [
  {
    name: 'date',
    re: new RegExp(`(?:(?:截至|截止|于|在|到)${YEAR}?(${N})月(${N})日(?:${BEFORE})?|${YEAR}?(${N})月(${N})日${BEFORE})`, 'g'),
    skip: (m) => /^(截至|截止|于|在|到)/.exec(m[0])?.[0].length ?? 0,
    resolve: (m, ctx) => {
      const mo = month(m[2] ?? m[5]);
      const day = parseNumber((m[3] ?? m[6]) as string);
      if (mo === null || day === null || day > 31) return { date: null, note: 'not a calendar date' };
      const y = yearFor(m[1] ?? m[4], mo, ctx);
      return y === null ? noYear : calendarDate(y, mo, day);
    },
  },
  {
    // A campaign period (3月11日至4月10日) runs until its last day.
    name: 'range',
    re: new RegExp(`${YEAR}?(${N})月(${N})日(?:起)?(?:至|到|—|-|～|~)(?:${YEAR}?(${N})月)?(${N})日`, 'g'),
    resolve: (m, ctx) => {
      const mo = month(m[5] ?? m[2]);
      const day = parseNumber(m[6] as string);
      if (mo === null || day === null || day > 31) return { date: null, note: 'not a calendar date' };
      const y = yearFor(m[4] ?? m[1], mo, ctx);
      return y === null ? noYear : calendarDate(y, mo, day);
    },
  },
  {
    // 15日前 without a month: that day of the meeting's month, or of the next month when it has passed.
    name: 'day-before',
    re: new RegExp(`(?<![${NUM_CHARS}月])(${N})日(?:前|之前|以前)`, 'g'),
    resolve: (m, ctx) => {
      const day = parseNumber(m[1] as string);
      if (day === null || day > 31) return { date: null, note: 'not a calendar date' };
      if (!ctx.meeting) return noYear;
      const [y, mo, d] = parts(ctx.meeting);
      const [yy, mm] = day < d ? (mo === 12 ? [y + 1, 1] : [y, mo + 1]) : [y, mo];
      return { date: ymd(yy, mm, Math.min(day, Number(endOfMonth(yy, mm).slice(8)))) };
    },
  },
  {
    name: 'month-part',
    re: new RegExp(`${YEAR}?(${N})月(?:份)?(上旬|中旬|下旬|底|末|中下旬)(?:${BEFORE})?`, 'g'),
    resolve: (m, ctx) => {
      const mo = month(m[2]);
      if (mo === null) return { date: null, note: 'not a month' };
      const y = yearFor(m[1], mo, ctx);
      if (y === null) return noYear;
      if (m[3] === '上旬') return { date: ymd(y, mo, 10) };
      if (m[3] === '中旬') return { date: ymd(y, mo, 20) };
      return { date: endOfMonth(y, mo) };
    },
  },
  {
    name: 'month-before',
    re: new RegExp(`${YEAR}?(${N})月(?:份)?${BEFORE}`, 'g'),
    resolve: (m, ctx) => {
      const mo = month(m[2]);
      if (mo === null) return { date: null, note: 'not a month' };
      const y = yearFor(m[1], mo, ctx);
      // "before month X": the last day of the month before it.
      return y === null ? noYear : { date: endOfMonth(y, mo - 1) };
    },
  },
  {
    name: 'month-in',
    re: new RegExp(
      `(?:(?:在|于|到|至)|(?<![${NUM_CHARS}\\-—~～至到]))${YEAR}?(${N})月(?:份)?(?:${WITHIN})?(?=完成|建成|开工|竣工|投用|投产|办结|到位|启动|举行|召开|实现|全面|基本|前)`,
      'g',
    ),
    skip: (m) => (/^(在|于|到|至)/.test(m[0]) ? 1 : 0),
    resolve: (m, ctx) => {
      const mo = month(m[2]);
      if (mo === null) return { date: null, note: 'not a month' };
      const y = yearFor(m[1], mo, ctx);
      return y === null ? noYear : { date: endOfMonth(y, mo) };
    },
  },
  {
    name: 'quarter',
    re: new RegExp(`(今年|明年)?(?:第)?([一二三四1-4１-４])季度(?:末|底)?(?:${BEFORE}|${WITHIN})?`, 'g'),
    resolve: (m, ctx) => {
      const q = parseNumber(m[2] as string) as number;
      const y = meetingYear(ctx, m[1]);
      if (y === null) return noYear;
      const end = endOfMonth(y, q * 3);
      return { date: !m[1] && ctx.meeting && end < ctx.meeting ? endOfMonth(y + 1, q * 3) : end };
    },
  },
  {
    name: 'half-year',
    re: new RegExp(`(今年|明年)?(上半年|下半年|前三季度)(?:末|底)?(?:${BEFORE}|${WITHIN})?`, 'g'),
    resolve: (m, ctx) => {
      const y = meetingYear(ctx, m[1]);
      if (y === null) return noYear;
      const mo = m[2] === '上半年' ? 6 : m[2] === '前三季度' ? 9 : 12;
      return { date: endOfMonth(y, mo) };
    },
  },
  {
    name: 'year-end',
    re: new RegExp(`(?:(今年|明年|本年|当年|本年度)?(年底|年末|年内)|(今年|明年)(底|内))(?:${BEFORE})?`, 'g'),
    resolve: (m, ctx) => {
      const y = meetingYear(ctx, m[1] ?? m[3]);
      return y === null ? noYear : { date: ymd(y, 12, 31) };
    },
  },
  {
    name: 'by-year',
    re: new RegExp(`(?:(?:到|至)${YEAR}(?:底|末|前|内)?|${YEAR}(?:底|末|年底)(?:${BEFORE})?)`, 'g'),
    resolve: (m) => {
      const y = parseYear((m[1] ?? m[2]) as string);
      return y === null ? { date: null, note: 'not a year' } : { date: ymd(y, 12, 31) };
    },
  },
  {
    name: 'week',
    re: new RegExp(`(本周|这周|本星期|下周|下个?星期)(?:${WITHIN}|末|${BEFORE})?`, 'g'),
    resolve: (m, ctx) => fromMeeting(ctx, (d) => addDays(sundayOfWeek(d), (m[1] as string).startsWith('下') ? 7 : 0)),
  },
  {
    name: 'this-month',
    re: new RegExp(`(本月|当月|这个月|下个?月|(?<![${NUM_CHARS}每个])月(?=底|末|上旬|中旬|下旬))(上旬|中旬|下旬|底|末)?(?:${WITHIN}|${BEFORE})?`, 'g'),
    resolve: (m, ctx) =>
      fromMeeting(ctx, (d) => {
        const [y, mo] = parts(d);
        const target = mo + ((m[1] as string).startsWith('下') ? 1 : 0);
        const end = endOfMonth(y, target);
        if (m[2] === '上旬') return `${end.slice(0, 8)}10`;
        if (m[2] === '中旬') return `${end.slice(0, 8)}20`;
        return end;
      }),
  },
  {
    name: 'working-days',
    re: new RegExp(`(${N})个?工作日${WITHIN}`, 'g'),
    resolve: (m, ctx) => {
      const n = parseNumber(m[1] as string);
      if (n === null || !ctx.meeting) return noYear;
      if (!ctx.addWorkingDays) return { date: null, note: 'no working-day calendar' };
      try {
        return { date: ctx.addWorkingDays(ctx.meeting, n) };
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (code === 'calendar_not_covered') return { date: null, note: 'calendar_not_covered' };
        throw e;
      }
    },
  },
  {
    name: 'within',
    re: new RegExp(`(${N})(?:个)?(天|日|周|星期|月|年)${WITHIN}`, 'g'),
    resolve: (m, ctx) => {
      const n = parseNumber(m[1] as string);
      if (n === null) return { date: null, note: 'not a number' };
      return fromMeeting(ctx, (d) => shift(d, n, m[2] as string));
    },
  },
  {
    name: 'campaign',
    re: new RegExp(`为期(${N})(?:个)?(天|日|周|星期|月|年)`, 'g'),
    resolve: (m, ctx) => {
      const n = parseNumber(m[1] as string);
      const start = ctx.campaignStart ?? ctx.meeting;
      if (n === null) return { date: null, note: 'not a number' };
      if (!start) return noYear;
      return { date: addDays(shift(start, n, m[2] as string), -1) };
    },
  },
  {
    // Weekdays (下周五前) are left to chrono-node, the fallback for what the rules above do not compute.
    name: 'weekday',
    re: /(?:本|这|下)?(?:周|星期|礼拜)[一二三四五六日天](?:前|之前|以前)/g,
    resolve: (m, ctx) => {
      if (!ctx.meeting) return noYear;
      const ref = new Date(`${ctx.meeting}T12:00:00+08:00`);
      const hit = chrono.zh.parse(m[0].replace(/(?:之|以)?前$/, ''), ref)[0];
      if (!hit) return { date: null, note: 'not a date' };
      const c = hit.start;
      return { date: ymd(c.get('year') as number, c.get('month') as number, c.get('day') as number) };
    },
  },
  {
    name: 'festival',
    // 年前 (before the lunar new year), but not 三年前 or 今年前三季度.
    re: new RegExp(
      `(元旦|春节|元宵节?|清明节?|五一劳动节|五一|劳动节|端午节?|中秋节?|国庆节?|两节|双节|节|(?<![${NUM_CHARS}今明去前当本每])年)(?:前|之前|以前)(?!三季度|两季度|半年)`,
      'g',
    ),
    resolve: (m, ctx) => festival(m[1] === '年' ? '春节' : (m[1] as string), ctx),
  },
];

function shift(d: LocalDate, n: number, unit: string): LocalDate {
  if (unit === '天' || unit === '日') return addDays(d, n);
  if (unit === '周' || unit === '星期') return addDays(d, 7 * n);
  if (unit === '月') return addMonths(d, n);
  return addMonths(d, 12 * n);
}

/** The day before the festival's next occurrence on or after the meeting; a bare 节前 takes the nearest festival. */
function festival(name: string, ctx: DeadlineContext): Resolution {
  if (!ctx.meeting) return noYear;
  const [y] = parts(ctx.meeting);
  const names = name === '节' ? ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆'] : [name];
  let best: LocalDate | null = null;
  for (const n of names) {
    const rule = ctx.festivals[n];
    if (!rule) continue;
    for (const year of [y, y + 1]) {
      const day = festivalDate(year, rule);
      if (day && day > ctx.meeting) {
        if (!best || day < best) best = day;
        break;
      }
    }
  }
  return best ? { date: addDays(best, -1) } : { date: null, note: 'festival date unknown' };
}
