import type { Command } from 'commander';
import { loadWorkCalendar, missingNextYear } from '../../config/calendar.js';
import { loadConfig } from '../../config/config.js';
import { printFields, printJson, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface CalendarFlags {
  holidays?: string;
  from?: string;
  add?: string;
  json?: boolean;
}

/**
 * `luoshi calendar`: which years the working-day calendar knows (the package's and the city's notices from
 * LUOSHI_HOLIDAYS or --holidays), whether next year's notice is due and missing, and optionally a deadline
 * counted in working days — so an operator checks a notice file before the server loads it.
 */
export function registerCalendar(program: Command, o: Output = processOutput, today: () => Date = () => new Date()): void {
  program
    .command('calendar')
    .description('Working-day calendar: covered years, a deadline in working days 工作日历')
    .option('--holidays <file>', 'JSON file of holiday notices (default: LUOSHI_HOLIDAYS)')
    .option('--from <date>', 'count working days from this date (YYYY-MM-DD)')
    .option('--add <n>', 'working days to add to --from')
    .option('--json', 'print JSON instead of text')
    .action((flags: CalendarFlags) =>
      runCommand(() => {
        const config = loadConfig(process.env, { LUOSHI_HOLIDAYS: flags.holidays });
        const calendar = loadWorkCalendar(config);
        const localToday = new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone }).format(today());
        const missing = missingNextYear(calendar, localToday);
        const years = calendar.coveredYears;
        const deadline = flags.from === undefined && flags.add === undefined ? null : calendar.addWorkingDays(flags.from ?? localToday, Number(flags.add ?? 0));
        const result = { covered: { first: years[0] ?? null, last: years[years.length - 1] ?? null }, notices: config.holidays, missing_year: missing, deadline };
        if (flags.json) printJson(o, result);
        else {
          printFields(o, [
            ['已知年份 covered years', `${result.covered.first}–${result.covered.last}`],
            ['节假日文件 notices file', config.holidays ?? '—'],
            ...(deadline === null ? [] : [['期限 deadline', deadline] as const]),
          ]);
          if (missing !== null) o.err(`注意:尚未配置 ${missing} 年节假日安排,跨入该年的工作日期限将被拒绝。\nNote: no holiday notice for ${missing}; working-day deadlines reaching into it are refused until one is added (LUOSHI_HOLIDAYS).`);
        }
        return Promise.resolve(0);
      }, o),
    );
}
