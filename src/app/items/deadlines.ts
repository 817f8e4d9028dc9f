import { defaultWorkCalendar, type WorkCalendar } from '../../domain/calendar.js';
import type { Instant, LocalDate } from '../../domain/ids.js';
import type { LedgerType, TimeLimit } from '../../domain/ledger-types/index.js';
import { addDays, toLocalDate } from '../../domain/time.js';
import { DomainError } from '../../domain/errors.js';

/**
 * The deadline a time limit gives when counted from `now` in the city: hours end on the day they run out,
 * calendar days count from today, working days follow the official calendar.
 * @throws DomainError `calendar_not_covered` for working days beyond the calendar's table (after 2099).
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
  const counted = countWorkingDays(command.data, now, timeZone, calendar);
  if (counted) return { ...command, data: counted };
  const data = command.data;
  const hasDeadline = data.deadline !== undefined && data.deadline !== null;
  const hasCadence = data.cadence !== undefined && data.cadence !== null;
  if (hasDeadline || hasCadence) return command;
  const limit = type.defaultTimeLimit;
  if (limit?.unit === 'working_days') {
    // The count is kept with the deadline: a deadline counted on a provisional year moves when its notice arrives.
    const from = toLocalDate(now, timeZone);
    const counted = (calendar ?? defaultWorkCalendar()).addWorkingDaysMarked(from, limit.amount);
    return { ...command, data: { ...data, deadline: counted.date, deadlineBasis: { from, workingDays: limit.amount, provisional: counted.provisional } } };
  }
  if (limit?.unit === 'hours') {
    // A deadline in hours is an instant (lights turn red when it passes), with its date for lists and filters.
    const deadlineAt = new Date(Date.parse(now) + limit.amount * 3_600_000).toISOString();
    return { ...command, data: { ...data, deadline: toLocalDate(deadlineAt, timeZone), deadlineAt } };
  }
  if (limit) return { ...command, data: { ...data, deadline: deadlineFromLimit(limit, now, timeZone, calendar) } };
  if (type.defaultCadence) return { ...command, data: { ...data, cadence: type.defaultCadence } };
  return command;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `workingDays: N` in an assignment (the CLI's --working-days, the API's field): the deadline N working days from
 * today in the city, kept with its count so that it moves when a holiday notice changes the days it spans.
 * Undefined when the assignment does not ask for it.
 * @throws DomainError `validation_failed` for a count that is not a whole number of days from 1 to 3650, or
 *   with a deadline given as well.
 */
function countWorkingDays(data: Record<string, unknown>, now: Instant, timeZone: string, calendar?: WorkCalendar): Record<string, unknown> | undefined {
  if (data.workingDays === undefined) return undefined;
  const { workingDays: n, ...rest } = data;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 3650) {
    throw new DomainError('validation_failed', `Working days must be a whole number from 1 to 3650: ${String(n)}`, `工作日数须为 1 至 3650 的整数:${String(n)}`, {
      workingDays: n,
    });
  }
  if (rest.deadline !== undefined && rest.deadline !== null) {
    throw new DomainError('validation_failed', 'Give either a deadline or a number of working days, not both.', '办理时限与工作日数只能二选一。');
  }
  const from = toLocalDate(now, timeZone);
  const counted = (calendar ?? defaultWorkCalendar()).addWorkingDaysMarked(from, n);
  return { ...rest, deadline: counted.date, deadlineBasis: { from, workingDays: n, provisional: counted.provisional } };
}
