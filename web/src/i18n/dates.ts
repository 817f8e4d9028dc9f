/**
 * Dates as the city reads them: a timestamp's calendar day in the city's time zone (Asia/Shanghai), written
 * YYYY-MM-DD as in Chinese government documents and tables. Slicing the ISO text would give the UTC day, which
 * is the day before for everything done after 16:00 UTC (midnight in Beijing).
 */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

const dayParts = new Intl.DateTimeFormat('en-US', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The city's calendar day of an ISO timestamp, YYYY-MM-DD ('' for a missing or unreadable one). */
export function cityDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = Object.fromEntries(dayParts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

const dateTimes = {
  zh: new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'short', timeZone: CITY_TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: CITY_TIME_ZONE }),
};

/** A timestamp as the city's date and time to the minute ('' for a missing or unreadable one). */
export function cityDateTime(iso: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dateTimes[lang].format(d);
}
