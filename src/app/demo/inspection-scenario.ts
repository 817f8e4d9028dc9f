import type { AppDeps } from '../context.js';
import { addInspectionPlan } from '../inspection/plans.js';
import { recordRound } from '../inspection/record.js';
import { performAction } from '../items/perform.js';
import { listRounds } from '../inspection/rounds.js';
import type { Step } from './scenario.js';

/*
 * The demo's inspection plan: 和平街道 inspects six places a week on a four-line checklist, set up by the
 * district's supervisor six weeks ago. Past weeks are recorded — mostly "no hazard found", one week with a
 * missed place, one failed gas line that opened a hazard, registered and now in the street's hands — and this
 * week's rounds wait on the street's desk.
 */

const CHECKLIST = [
  { key: 'fire_exit', label: '消防通道是否畅通', category: 'fire' },
  { key: 'gas_pipe', label: '燃气管道及阀门有无泄漏、锈蚀', category: 'equipment' },
  { key: 'wiring', label: '电气线路有无私拉乱接、老化', category: 'electrical' },
  { key: 'exit_light', label: '安全出口和应急照明是否完好', category: 'fire' },
];

const PLACES = [
  { name: '和平菜市场', district: '东城区', address: '和平路12号' },
  { name: '和平小学', district: '东城区', address: '育才街3号' },
  { name: '幸福里小区燃气调压站', district: '东城区', address: '幸福里小区东门' },
  { name: '和平商业广场', district: '东城区', address: '和平路88号' },
  { name: '老街农贸市场', district: '东城区', address: '老街45号' },
  { name: '和平街道养老服务中心', district: '东城区', address: '安康路6号' },
];

const INSPECTOR = 'd1-s1.handler';
const SUPERVISOR = 'd1.supervisor';
const pass = { lines: CHECKLIST.map((l) => ({ key: l.key, result: 'pass' })) };

/** Adds the plan and its recorded weeks to the demo's steps. */
export function inspectionScript(steps: Step[], tenantId: string, index: number, date: (d: number) => string): void {
  let planId = '';
  const hazards: string[] = [];
  let n = 0;
  const push = (day: number, run: Step['run']) => steps.push({ day, order: index * 100 + n++, run });
  const inspector = { tenantId, username: INSPECTOR };

  push(-42, async (deps) => {
    planId = (
      await addInspectionPlan(
        deps,
        { tenantId, username: SUPERVISOR },
        { title: '和平街道城市安全运行常态化检查', unitId: 'd1-s1', cadence: 'weekly', checklist: CHECKLIST, places: PLACES, startsOn: date(-42) },
      )
    ).id;
  });
  /** Records the open (and overdue) rounds of the plan, leaving `skip` places out. */
  const week = (day: number, skip: number, failFirst = false) =>
    push(day, async (deps: AppDeps) => {
      const due = await listRounds(deps, inspector, { planId, status: ['open', 'overdue'] });
      for (const [i, round] of due.slice(0, Math.max(0, due.length - skip)).entries()) {
        const failed = failFirst && i === 0;
        const recorded = await recordRound(
          deps,
          inspector,
          round.id,
          failed
            ? {
                lines: [
                  ...pass.lines.filter((l) => l.key !== 'gas_pipe'),
                  { key: 'gas_pipe', result: 'fail', note: '燃气管道阀门处锈蚀严重，有轻微泄漏气味，已关闭阀门并通知燃气公司' },
                ],
              }
            : pass,
        );
        hazards.push(...recorded.hazards.map((h) => h.id));
      }
    });
  // Once a week, days counted from the demo's "now": one week leaves two places to the next (recorded late),
  // the last leaves one place undone, so 考核 shows a coverage below 100%.
  week(-38, 0);
  week(-31, 0);
  week(-24, 2);
  week(-17, 0, true);
  // The district's supervisor registers the hazard found (立项) and hands it to the street, which takes it.
  push(-16, async (deps) => {
    for (const id of hazards) await performAction(deps, { tenantId, username: SUPERVISOR }, id, { type: 'AssignItem', data: { leadUnitId: 'd1-s1', deadline: date(4) } });
  });
  push(-15, async (deps) => {
    for (const id of hazards) await performAction(deps, inspector, id, { type: 'AcceptItem', data: {} });
  });
  week(-10, 0);
  week(-3, 1);
}
