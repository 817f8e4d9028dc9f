import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { computeInspectionCoverage } from '../../app/inspection/coverage.js';
import { readChecklist, readPlaceList } from '../../app/inspection/lists.js';
import { uploadRoundPhoto } from '../../app/inspection/photos.js';
import { addInspectionPlan, listInspectionPlans } from '../../app/inspection/plans.js';
import { recordRound } from '../../app/inspection/record.js';
import { listRounds, showRound, type RoundStatus, type RoundView } from '../../app/inspection/rounds.js';
import type { ActorRef, AppDeps } from '../../app/context.js';
import { withStore, withStoreOptions, type StoreFlags } from '../context.js';
import { printFields, printJson, printTable, processOutput, type Output } from '../output.js';
import { runCommand } from '../run.js';

const STATUS_ZH: Record<RoundStatus, string> = { open: '待检查', overdue: '已逾期', recorded: '已填报', upcoming: '未开始' };
const CADENCE_ZH: Record<string, string> = { weekly: '每周', monthly: '每月', before_holidays: '节前' };
const ROUND_STATUSES: readonly RoundStatus[] = ['open', 'overdue', 'recorded', 'upcoming'];

/** Reads a file a flag names. @throws AppError `invalid_input` naming the flag when it cannot be read. */
function readFlagFile(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new AppError('invalid_input', `Cannot read the file given to ${flag}: ${path}`, `无法读取 ${flag} 指定的文件：${path}`, { path });
  }
}

const presentRound = (r: RoundView) => ({
  id: r.id,
  plan_id: r.planId,
  plan: r.planTitle,
  unit_id: r.unitId,
  place_no: r.placeNo,
  place: r.place.name,
  period: r.period,
  opens_on: r.opensOn,
  due_on: r.dueOn,
  status: r.status,
  on_time: r.onTime,
  recorded_on: r.recorded?.recordedOn ?? null,
  hazards: r.recorded?.hazardItemIds ?? [],
});

/**
 * Photos named in a results file as paths (relative to the file) are uploaded to the round first and cited by
 * the ids they get; entries that are not files are passed on as photo ids already uploaded.
 */
async function withUploadedPhotos(deps: AppDeps, ref: ActorRef, dataDir: string, round: string, resultsFile: string, input: unknown): Promise<unknown> {
  const lines = (input as { lines?: unknown }).lines;
  if (!Array.isArray(lines)) return input;
  const base = dirname(resolve(resultsFile));
  const out = [];
  for (const line of lines as Record<string, unknown>[]) {
    const photos = line?.photos;
    if (!Array.isArray(photos)) {
      out.push(line);
      continue;
    }
    const ids: unknown[] = [];
    for (const p of photos) {
      const path = typeof p === 'string' ? resolve(base, p) : null;
      if (path === null || !existsSync(path)) ids.push(p);
      else ids.push((await uploadRoundPhoto(deps, ref, dataDir, round, { fileName: basename(path), bytes: readFileSync(path) })).id);
    }
    out.push({ ...line, photos: ids });
  }
  return { ...(input as object), lines: out };
}

/**
 * `luoshi inspection`: 城市安全运行常态化检查 — plans (`plan add`, `plans`), the rounds due on a desk
 * (`rounds`, `show`), recording a round (`record`) and its 考核 figures (`coverage`).
 */
export function registerInspection(program: Command, o: Output = processOutput): void {
  const cmd = program.command('inspection').description('Inspection rounds 城市安全运行常态化检查');
  const plan = cmd.command('plan').description('Inspection plans 检查计划');

  withStoreOptions(plan.command('add'))
    .description('Set up a plan: places from a list, a checklist, the inspecting unit and a cadence 制定检查计划')
    .requiredOption('--title <title>', 'plan title')
    .requiredOption('--unit <unit>', 'inspecting unit id')
    .requiredOption('--cadence <cadence>', 'weekly, monthly or before_holidays')
    .requiredOption('--checklist <file>', 'checklist template: JSON [{key,label,category}] or .xlsx/.csv with 编号/检查项/类别')
    .requiredOption('--places <file>', 'places: .xlsx/.csv with a 名称 column (区县, 地址 optional) or one name per line')
    .option('--starts <date>', 'first day (YYYY-MM-DD; default today)')
    .option('--ends <date>', 'last day (YYYY-MM-DD; default open-ended)')
    .requiredOption('--as <username>', "a supervisor of the unit's area")
    .action((flags: StoreFlags & { title: string; unit: string; cadence: string; checklist: string; places: string; starts?: string; ends?: string; as: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const checklist = await readChecklist(readFlagFile(flags.checklist, '--checklist'));
            const places = await readPlaceList(readFlagFile(flags.places, '--places'));
            const p = await addInspectionPlan(
              deps,
              { tenantId, username: flags.as },
              {
                title: flags.title,
                unitId: flags.unit,
                cadence: flags.cadence,
                checklist,
                places,
                ...(flags.starts !== undefined && { startsOn: flags.starts }),
                ...(flags.ends !== undefined && { endsOn: flags.ends }),
              },
            );
            const shown = {
              id: p.id,
              title: p.title,
              unit_id: p.unitId,
              cadence: p.cadence,
              starts_on: p.startsOn,
              ends_on: p.endsOn,
              places: p.places.length,
              checklist: p.checklist.length,
            };
            if (flags.json) printJson(o, shown);
            else {
              printFields(o, [
                ['计划 plan', `${p.id} ${p.title}`],
                ['检查单位 unit', p.unitId],
                ['频次 cadence', `${CADENCE_ZH[p.cadence]} ${p.cadence}`],
                ['检查对象 places', p.places.length],
                ['检查项 checklist', p.checklist.length],
                ['开始 starts', p.startsOn],
              ]);
            }
          }),
        o,
      ),
    );

  withStoreOptions(cmd.command('plans'))
    .description('The inspection plans you may see 检查计划列表')
    .requiredOption('--as <username>', 'who is asking')
    .action((flags: StoreFlags & { as: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const plans = await listInspectionPlans(deps, { tenantId, username: flags.as });
            const rows = plans.map((p) => ({
              id: p.id,
              title: p.title,
              unit_id: p.unitId,
              cadence: p.cadence,
              starts_on: p.startsOn,
              ends_on: p.endsOn,
              places: p.places.length,
              checklist: p.checklist.length,
            }));
            if (flags.json) printJson(o, rows);
            else {
              printTable(
                o,
                ['计划 id', '名称 title', '检查单位 unit', '频次 cadence', '对象 places'],
                rows.map((r) => [r.id, r.title, r.unit_id, CADENCE_ZH[r.cadence], r.places]),
              );
            }
          }),
        o,
      ),
    );

  withStoreOptions(cmd.command('rounds'))
    .description('Rounds on your desk: due, overdue, recorded 检查轮次')
    .requiredOption('--as <username>', 'who is asking')
    .option('--status <list>', `comma-separated: ${ROUND_STATUSES.join(', ')} (default: all)`)
    .option('--plan <id>', 'one plan only')
    .option('--from <date>', 'rounds due from (YYYY-MM-DD; default 90 days ago)')
    .option('--to <date>', 'rounds due until (YYYY-MM-DD; default in 31 days)')
    .action((flags: StoreFlags & { as: string; status?: string; plan?: string; from?: string; to?: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const status = flags.status?.split(',').map((s) => s.trim());
            const bad = status?.find((s) => !(ROUND_STATUSES as readonly string[]).includes(s));
            if (bad !== undefined) {
              throw new AppError('invalid_input', `--status must list ${ROUND_STATUSES.join(', ')}: ${bad}`, `--status 须为 ${ROUND_STATUSES.join('、')}：${bad}`);
            }
            const rounds = await listRounds(
              deps,
              { tenantId, username: flags.as },
              { status: status as RoundStatus[] | undefined, planId: flags.plan, from: flags.from, to: flags.to },
            );
            if (flags.json) printJson(o, rounds.map(presentRound));
            else {
              printTable(
                o,
                ['轮次 round', '计划 plan', '检查对象 place', '截止 due', '状态 status'],
                rounds.map((r) => [r.id, r.planTitle, r.place.name, r.dueOn, `${STATUS_ZH[r.status]} ${r.status}`]),
              );
            }
          }),
        o,
      ),
    );

  withStoreOptions(cmd.command('show'))
    .description('A round with its checklist and what was recorded 检查轮次详情')
    .argument('<round>', 'round id')
    .requiredOption('--as <username>', 'who is asking')
    .action((round: string, flags: StoreFlags & { as: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const r = await showRound(deps, { tenantId, username: flags.as }, round);
            if (flags.json) {
              printJson(o, {
                ...presentRound(r.round),
                cadence: r.cadence,
                checklist: r.checklist,
                results: r.round.recorded?.results ?? null,
                photos: r.photos.map((p) => ({ id: p.id, file_name: p.fileName, digest: p.digest })),
              });
            } else {
              printFields(o, [
                ['轮次 round', r.round.id],
                ['检查对象 place', r.round.place.name],
                ['截止 due', r.round.dueOn],
                ['状态 status', `${STATUS_ZH[r.round.status]} ${r.round.status}`],
              ]);
              printTable(
                o,
                ['编号 key', '检查项 line', '类别 category'],
                r.checklist.map((l) => [l.key, l.label, l.category]),
              );
            }
          }),
        o,
      ),
    );

  withStoreOptions(cmd.command('record'))
    .description('Record a round: every checklist line pass/fail/na with a note and photos 填报检查结果')
    .argument('<round>', 'round id')
    .requiredOption('--results <file>', 'JSON: {"lines":[{"key","result":"pass|fail|na","note","photos":["photo.jpg"],"hazard":{"level":"general|major",…}}]}')
    .requiredOption('--as <username>', 'an inspector of the inspecting unit')
    .action((round: string, flags: StoreFlags & { results: string; as: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId, config }) => {
            let input: unknown;
            try {
              input = JSON.parse(readFlagFile(flags.results, '--results').toString('utf8'));
            } catch (e) {
              if (e instanceof AppError) throw e;
              throw new AppError('invalid_input', `The results file is not valid JSON: ${flags.results}`, `检查结果文件不是合法的 JSON：${flags.results}`);
            }
            const ref = { tenantId, username: flags.as };
            // Check the round before any photo is stored for it.
            await showRound(deps, ref, round);
            const r = await recordRound(deps, ref, round, await withUploadedPhotos(deps, ref, config.dataDir, round, flags.results, input));
            const hazards = r.hazards.map((h) => ({ id: h.id, number: h.number, title: h.title, status: h.status }));
            if (flags.json) printJson(o, { round: presentRound(r.round), hazards });
            else {
              o.out(`已填报 recorded ${r.round.id} ${r.round.place.name}${r.round.onTime ? '' : '（逾期 late）'}`);
              if (hazards.length === 0) o.out('未发现隐患 no hazard found');
              else {
                printTable(
                  o,
                  ['隐患 hazard', '编号 number', '名称 title'],
                  hazards.map((h) => [h.id, h.number, h.title]),
                );
              }
            }
          }),
        o,
      ),
    );

  withStoreOptions(cmd.command('coverage'))
    .description('考核: rounds recorded on time ÷ due, hazards per round, per inspecting unit 检查覆盖率')
    .requiredOption('--as <username>', 'who is asking')
    .option('--from <date>', 'rounds due from (default: 1 January)')
    .option('--to <date>', 'rounds due until (default: today)')
    .action((flags: StoreFlags & { as: string; from?: string; to?: string }) =>
      runCommand(
        () =>
          withStore(flags, async ({ deps, tenantId }) => {
            const c = await computeInspectionCoverage(deps, { tenantId, username: flags.as }, { from: flags.from, to: flags.to });
            if (flags.json) printJson(o, c);
            else {
              const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
              const rows = [
                ...c.groups.map((g) => [g.label, g.due, g.onTime, g.missed.length, pct(g.coverageRate), g.hazards, g.hazardsPerRound?.toFixed(2) ?? '—']),
                ['合计 total', c.total.due, c.total.onTime, c.total.missed.length, pct(c.total.coverageRate), c.total.hazards, c.total.hazardsPerRound?.toFixed(2) ?? '—'],
              ];
              printTable(o, ['检查单位 unit', '应检 due', '按时 on time', '漏检 missed', '覆盖率 coverage', '隐患 hazards', '每轮隐患 per round'], rows);
            }
          }),
        o,
      ),
    );
}
