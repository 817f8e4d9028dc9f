import type { AppDeps } from '../context.js';
import { createItem } from '../items/create.js';
import { performAction } from '../items/perform.js';
import { scheduleRechecks } from '../reminders/index.js';
import type { Step } from './scenario.js';
import { DEMO_SIGNING_PASSPHRASE } from './signing-keys.js';

/*
 * The demo's 回头看: a hazard of the city's 应急管理局 removed and accepted five weeks ago, whose 回头看 (30 days
 * after 销号) fell due last week, so it waits on the city supervisor's desk on first start. The day job's
 * scheduling runs as the last step, as the server's scheduler would have each morning.
 */

const SUPERVISOR = 'supervisor';
const HANDLER = 'yjj.handler';

/** Adds the hazard, its closure and today's scheduling to the demo's steps. */
export function recheckScript(steps: Step[], tenantId: string, index: number, date: (d: number) => string): void {
  let id = '';
  let n = 0;
  const as = (username: string) => ({ tenantId, username });
  const push = (day: number, run: Step['run']) => steps.push({ day, order: index * 100 + n++, run });
  const act = (day: number, who: string, type: string, data: Record<string, unknown>) =>
    push(day, async (deps: AppDeps) => {
      // 销号 is a signed decision: the demo's signers sign with the demo passphrase.
      await performAction(deps, as(who), id, { type, data }, type === 'PassStage' ? { passphrase: DEMO_SIGNING_PASSPHRASE } : {});
    });
  push(-42, async (deps) => {
    const title = '西城区某商场地下车库消防通道堵塞隐患';
    const fields = { inspectionDate: date(-43), place: '西城区某商场地下车库', category: 'fire', level: 'general', photosBefore: ['demo:photo.jpg'] };
    id = (await createItem(deps, as(SUPERVISOR), { ledgerType: 'hazard', title, content: `${title}。请立即清理并建立日常巡查制度。`, fields })).item.id;
  });
  act(-41.9, SUPERVISOR, 'AssignItem', { leadUnitId: 'dept-yjj', coUnitIds: [], deadline: date(-35) });
  act(-41, HANDLER, 'AcceptItem', {});
  act(-39, HANDLER, 'RequestClosure', { summary: '堵塞物已清理，已设置禁停标识并纳入日常巡查', evidence: ['demo:photo.jpg'], fields: { photosAfter: ['demo:photo.jpg'] } });
  act(-38, SUPERVISOR, 'PassStage', { note: '现场验收合格' });
  push(-0.2, async (deps) => {
    await scheduleRechecks(deps, as(SUPERVISOR));
  });
}
