import { defaultWorkCalendar, type WorkCalendar } from '../../domain/calendar.js';
import type { Instant, LocalDate } from '../../domain/ids.js';
import type { LedgerType, TimeLimit } from '../../domain/ledger-types/index.js';
import { addDays, toLocalDate } from '../../domain/time.js';

/**
 * The deadline a time limit gives when counted from `now` in the city: hours end on the day they run out,
 * calendar days count from today, working days follow the official calendar.
 * @throws DomainError `calendar_not_covered` for working days that reach a year the calendar does not know.
 */
export function deadlineFromLimit(limit: TimeLimit, now: Instant, timeZone: string, calendar: WorkCalendar = defaultWorkCalendar()): LocalDate {
  const today = toLocalDate(now, timeZone);
  switch (limit.unit) {
    case 'hours':
      return toLocalDate(new Date(Date.parse(now) + limit.amount * 3_600_000), timeZone);
    case 'calendar_days':
      return addDays(today, limit.amount);
    case 'working_days':
      return calendar.addWorkingDays(today, limit.amount);
    default: {
      const never: never = limit.unit;
      throw new Error(`unknown time-limit unit ${String(never)}`);
    }
  }
}

/**
 * Fills an assignment that names neither a deadline nor a cadence from the ledger type's defaults, so a
 * supervisor can hand out a 企业诉求 and get its 10 working days without counting them.
 */
export function withDefaultDeadline(command: unknown, type: LedgerType, now: Instant, timeZone: string, calendar?: WorkCalendar): unknown {
  if (!isObject(command) || command.type !== 'AssignItem' || !isObject(command.data)) return command;
  const data = command.data;
  const hasDeadline = data.deadline !== undefined && data.deadline !== null;
  const hasCadence = data.cadence !== undefined && data.cadence !== null;
  if (hasDeadline || hasCadence) return command;
  if (type.defaultTimeLimit) return { ...command, data: { ...data, deadline: deadlineFromLimit(type.defaultTimeLimit, now, timeZone, calendar) } };
  if (type.defaultCadence) return { ...command, data: { ...data, cadence: type.defaultCadence } };
  return command;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
