import { readFileSync } from 'node:fs';
import { defaultWorkCalendar, WorkCalendar } from '../domain/calendar.js';
import { DomainError } from '../domain/errors.js';
import { ConfigError, type Config } from './config.js';

/**
 * The working-day calendar the installation runs on: the package's years plus the city's notices from
 * LUOSHI_HOLIDAYS. The State Council publishes next year's arrangement in November, usually before the
 * package ships it; until a city adds it (here, or loaded by an admin into the database), a deadline counted into
 * that year is counted on the statutory holidays and marked provisional. Read once at start-up.
 * @throws ConfigError naming the file and the first problem (unreadable, not JSON, a malformed notice).
 */
export function loadWorkCalendar(config: Pick<Config, 'holidays'>): WorkCalendar {
  if (config.holidays === null) return defaultWorkCalendar();
  const file = config.holidays;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError([`LUOSHI_HOLIDAYS: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}) 无法读取节假日安排文件`]);
  }
  let notices: unknown;
  try {
    notices = JSON.parse(text);
  } catch (e) {
    throw new ConfigError([`LUOSHI_HOLIDAYS: ${file} is not JSON (${(e as Error).message}) 节假日安排文件不是 JSON`]);
  }
  try {
    return new WorkCalendar({ notices });
  } catch (e) {
    if (e instanceof DomainError) throw new ConfigError([`LUOSHI_HOLIDAYS: ${file}: ${e.message} ${e.messageZh}`]);
    throw e;
  }
}

/**
 * The year whose arrangement is missing while it is already due: from 1 November a city should have next
 * year's notice (deadlines of more than a few weeks reach into it). Null when nothing is missing.
 */
export function missingNextYear(calendar: WorkCalendar, today: string): number | null {
  const year = Number(today.slice(0, 4));
  const next = today.slice(5) >= '11-01' ? year + 1 : year;
  return calendar.coveredYears.includes(next) ? null : next;
}
