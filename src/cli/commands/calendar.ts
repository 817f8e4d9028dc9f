import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../app/index.js';
import { loadHolidayNotice, listHolidayNotices } from '../../app/calendar/load-notice.js';
import { calendarOf, refreshTenantCalendar } from '../../app/calendar/tenant-calendar.js';
import { loadWorkCalendar, missingNextYear } from '../../config/calendar.js';
import type { WorkCalendar } from '../../domain/calendar.js';
import { configFrom, withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printFields, printJson, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

interface CalendarFlags extends StoreFlags {
  holidays?: string;
  from?: string;
  add?: string;
  as?: string;
}

/** Whether the flags name a database that exists (the calendar works without one: then the installation's alone). */
function hasDatabase(flags: StoreFlags): boolean {
  const config = configFrom(flags);
  return config.database.kind !== 'sqlite' || existsSync(config.database.file);
}

/**
 * `luoshi calendar`: which years the working-day calendar knows (the package's, the notices of LUOSHI_HOLIDAYS or
 * --holidays, and those an admin loaded into the database), and optionally a deadline counted in working days,
 * marked provisional when it reaches a year without a notice (counted on the statutory holidays).
 * `luoshi calendar load FILE --as ADMIN` loads a year's notice into the database.
 */
export function registerCalendar(program: Command, o: Output = processOutput, today: () => Date = () => new Date()): void {
  const cmd = withStoreOptions(program.command('calendar'))
    .description('Working-day calendar: covered years, a deadline in working days 工作日历')
    .option('--holidays <file>', 'JSON file of holiday notices (default: LUOSHI_HOLIDAYS)')
    .option('--from <date>', 'count working days from this date (YYYY-MM-DD)')
    .option('--add <n>', 'working days to add to --from')
    .action((flags: CalendarFlags) =>
      runCommand(async () => {
        const env = { ...process.env, ...(flags.holidays !== undefined && { LUOSHI_HOLIDAYS: flags.holidays }) };
        const config = configFrom(flags, env);
        const base = loadWorkCalendar(config);
        const show = (calendar: WorkCalendar, loaded: readonly { year: number; source: string | null }[]): number => {
          const localToday = new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone }).format(today());
          const missing = missingNextYear(calendar, localToday);
          const years = calendar.coveredYears;
          const counted = flags.from === undefined && flags.add === undefined ? null : calendar.addWorkingDaysMarked(flags.from ?? localToday, Number(flags.add ?? 0));
          const result = {
            covered: { first: years[0] ?? null, last: years[years.length - 1] ?? null },
            notices: config.holidays,
            loaded: loaded.map((n) => n.year),
            missing_year: missing,
            deadline: counted?.date ?? null,
            provisional: counted?.provisional ?? null,
          };
          if (flags.json) printJson(o, result);
          else {
            printFields(o, [
              ['已知年份 covered years', `${result.covered.first}–${result.covered.last}`],
              ['节假日文件 notices file', config.holidays ?? '—'],
              ['已载入 loaded notices', result.loaded.join(', ') || '—'],
              ...(counted === null ? [] : [['期限 deadline', `${counted.date}${counted.provisional ? ' (暂定 provisional)' : ''}`] as const]),
            ]);
            if (missing !== null) {
              o.err(
                `注意:尚未载入 ${missing} 年节假日安排,跨入该年的工作日期限按法定节假日暂定计算,通知发布后请用 luoshi calendar load 载入。\nNote: no holiday notice for ${missing}; working-day deadlines reaching into it are counted provisionally on the statutory holidays until it is loaded (luoshi calendar load FILE).`,
              );
            }
          }
          return 0;
        };
        if (flags.holidays !== undefined || !hasDatabase(flags)) return show(base, []);
        return withStore(flags, async ({ deps, tenantId }) => {
          const appDeps = { ...deps, calendar: base };
          await refreshTenantCalendar(appDeps, deps.store.read, tenantId);
          const loaded = await listHolidayNotices(appDeps, { tenantId, operator: true });
          return show(calendarOf(appDeps, tenantId), loaded);
        });
      }, o),
    );

  withStoreOptions(cmd.command('load'))
    .description("Load a year's holiday notice (国务院办公厅节假日安排) into the database 载入节假日安排")
    .argument('<file>', 'JSON file: {"year": 2027, "holidays": [...], "workdays": [...], "source": "国办发明电〔…〕…号"}')
    .option('--as <username>', 'the system admin who loads it (required)')
    .action((file: string, own: CalendarFlags) => {
      // Options written after `load` that the parent also takes (--data, --json, …) are parsed by the parent.
      const flags: CalendarFlags = { ...cmd.opts<CalendarFlags>(), ...own };
      return runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            if (!flags.as) throw new AppError('invalid_input', 'Say who loads the notice: --as USERNAME (a system admin)', '请用 --as 用户名 指明载入节假日安排的系统管理员');
            let notice: unknown;
            try {
              notice = JSON.parse(readFileSync(file, 'utf8'));
            } catch (e) {
              throw new AppError('invalid_input', `Cannot read ${file} as JSON: ${(e as Error).message}`, `无法将 ${file} 读取为 JSON:${(e as Error).message}`);
            }
            const r = await loadHolidayNotice(deps, { tenantId, username: flags.as }, notice);
            if (flags.json) {
              printJson(o, {
                year: r.year,
                replaced: r.replaced,
                moved: r.moved.map((m) => ({ item_id: m.itemId, number: m.number, previous_deadline: m.previousDeadline, deadline: m.deadline })),
              });
            } else {
              o.out(`已载入 loaded: ${r.year} 年节假日安排${r.replaced ? '(替换 replaced)' : ''}`);
              o.out(`调整期限 deadlines moved: ${r.moved.length}`);
              for (const m of r.moved) o.out(`  ${m.number} (${m.itemId}): ${m.previousDeadline} → ${m.deadline}`);
            }
          }),
        o,
      );
    });
}
