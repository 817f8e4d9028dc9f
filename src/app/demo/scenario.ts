import { BUILTIN_LEDGER_TYPES, applicableStages } from '../../domain/ledger-types/index.js';
import { EXAMPLE_FIELDS } from '../../domain/ledger-types/examples.js';
import { addDays, toLocalDate } from '../../domain/time.js';
import type { AppDeps } from '../context.js';
import { createItem } from '../items/create.js';
import { performAction } from '../items/perform.js';
import { DEMO_SCHOOLS, DEMO_TITLES } from './titles.js';
import { inspectionScript } from './inspection-scenario.js';
import { recheckScript } from './recheck-scenario.js';
import { signalsScript } from './signals-scenario.js';
import { DEMO_SIGNING_PASSPHRASE } from './signing-keys.js';

/*
 * The demo's items: for every built-in ledger type, one item in each of thirteen fates (draft, waiting to be
 * accepted, on track, near its deadline, overdue, extended, in review, closed on time, closed late,
 * rejected once, returned once, cancelled), played through the real use cases on a simulated clock that
 * runs from six weeks ago to now. Every item therefore has a true timeline and a verified chain.
 */

const FATES = [
  'draft',
  'waiting_acceptance',
  'just_assigned',
  'on_track',
  'near_deadline',
  'overdue',
  'extended',
  'in_review',
  'closed_on_time',
  'closed_late',
  'rejected_once',
  'returned_once',
  'cancelled',
] as const;
type Fate = (typeof FATES)[number];

interface Cast {
  readonly supervisor: string;
  readonly leader: string;
  readonly lead: string;
  readonly handler: string;
  readonly co?: string;
  readonly coHandler?: string;
  /** Where a mis-assigned item goes first, and who returns it. */
  readonly wrong: string;
  readonly wrongHandler: string;
}

const CITY: Omit<Cast, 'lead' | 'handler'> = { supervisor: 'supervisor', leader: 'leader', wrong: 'dept-scjgj', wrongHandler: 'scjgj.handler' };

const CASTS: Readonly<Record<string, Cast>> = {
  directive: { ...CITY, lead: 'dept-wjw', handler: 'wjw.handler', co: 'dept-yjj', coHandler: 'yjj.handler' },
  rectification: { ...CITY, lead: 'dept-sthjj', handler: 'sthjj.handler', co: 'dept-zjj', coHandler: 'zjj.handler' },
  hazard: { ...CITY, lead: 'dept-yjj', handler: 'yjj.handler', co: 'dept-gaj', coHandler: 'gaj.handler' },
  dispute: {
    supervisor: 'd1.supervisor',
    leader: 'd1.leader',
    lead: 'd1-s1',
    handler: 'd1-s1.handler',
    co: 'd1-sfj',
    coHandler: 'd1-sfj.handler',
    wrong: 'd1-scj',
    wrongHandler: 'd1-scj.handler',
  },
  appeal: { ...CITY, lead: 'dept-swuj', handler: 'swuj.handler', co: 'dept-rsj', coHandler: 'rsj.handler' },
  signal: { ...CITY, lead: 'dept-wjw', handler: 'wjw.handler' },
  school_plan: { ...CITY, lead: 'dept-jyj', handler: 'jyj.handler', co: 'dept-wjw', coHandler: 'wjw.handler' },
};

export interface Step {
  /** Days relative to the demo's "now" (negative: in the past). */
  readonly day: number;
  readonly order: number;
  readonly run: (deps: AppDeps) => Promise<void>;
}

/** One item's script: its steps close over the id the create step gets. */
class ItemScript {
  private id = '';
  private n = 0;
  constructor(
    private readonly steps: Step[],
    private readonly base: number,
    private readonly tenantId: string,
  ) {}

  /** `input` may be a function, for what is known only when the step runs (the id of a campaign created earlier). */
  create(day: number, as: string, input: Parameters<typeof createItem>[2] | (() => Parameters<typeof createItem>[2])): this {
    this.push(day, async (deps) => {
      this.id = (await createItem(deps, { tenantId: this.tenantId, username: as }, typeof input === 'function' ? input() : input)).item.id;
    });
    return this;
  }

  /** The id of the item once its create step has run. */
  get itemId(): string {
    return this.id;
  }

  act(day: number, as: string, type: string, data: Record<string, unknown> = {}): this {
    this.push(day, async (deps) => {
      // A pass may be a signed decision (审签, 销号): the demo signers sign it with the demo passphrase.
      const signing = type === 'PassStage' ? { passphrase: DEMO_SIGNING_PASSPHRASE } : {};
      await performAction(deps, { tenantId: this.tenantId, username: as }, this.id, { type, data }, signing);
    });
    return this;
  }

  private push(day: number, run: Step['run']): void {
    this.steps.push({ day, order: this.base + this.n++, run });
  }
}

/**
 * 一校一方案: the campaign the school plans belong to, each plan naming its own school and district (so the
 * one-plan-per-school rule holds and the campaign rolls up per district).
 */
interface Campaign {
  readonly parentId: () => string;
}

/** The campaign fields of the index-th school plan. */
function schoolFields(index: number): Record<string, unknown> {
  const [school, district] = DEMO_SCHOOLS[index % DEMO_SCHOOLS.length]!;
  return { entity: school, ...(district && { district }) };
}

/** Builds the script of one item of `typeKey` meeting `fate`; `date(d)` is the local date d days from now. */
function script(steps: Step[], tenantId: string, typeKey: string, fate: Fate, title: string, index: number, date: (d: number) => string, campaign: Campaign): void {
  const cast = CASTS[typeKey]!;
  const type = BUILTIN_LEDGER_TYPES.find((t) => t.key === typeKey)!;
  const example = EXAMPLE_FIELDS[typeKey]!;
  const s = new ItemScript(steps, index * 100, tenantId);
  const assign = (lead: string, deadline: string) => ({ leadUnitId: lead, coUnitIds: cast.co && lead === cast.lead ? [cast.co] : [], deadline });
  const startDay = fate === 'just_assigned' ? -1 : fate === 'draft' ? -2 : -42 + (index % 5);
  const perSchool = type.perEntity !== undefined;
  const fields = perSchool ? { ...example.draft, ...schoolFields(FATES.indexOf(fate)) } : example.draft;
  const input = { ledgerType: typeKey, title, content: `${title}。请牵头单位按要求办理并按时反馈。`, fields, priority: index % 4 === 0 ? ('high' as const) : ('normal' as const) };
  s.create(startDay, cast.supervisor, perSchool ? () => ({ ...input, parentId: campaign.parentId() }) : input);
  if (fate === 'draft') return;

  const deadlineDay: Record<Exclude<Fate, 'draft'>, number> = {
    waiting_acceptance: 20,
    just_assigned: 30,
    on_track: 40,
    near_deadline: 2,
    overdue: -6,
    extended: -2,
    in_review: 15,
    closed_on_time: -8,
    closed_late: -25,
    rejected_once: -3,
    returned_once: 25,
    cancelled: 20,
  };
  const deadline = date(deadlineDay[fate]);
  if (fate === 'returned_once') {
    s.act(startDay + 0.1, cast.supervisor, 'AssignItem', assign(cast.wrong, deadline));
    s.act(startDay + 1, cast.wrongHandler, 'ReturnItem', { reason: '不属于本单位职责,建议交由主管部门办理' });
    s.act(startDay + 2, cast.supervisor, 'AssignItem', assign(cast.lead, deadline));
  } else {
    s.act(fate === 'waiting_acceptance' ? -6 : startDay + 0.1, cast.supervisor, 'AssignItem', assign(cast.lead, deadline));
  }
  if (fate === 'waiting_acceptance' || fate === 'just_assigned') return;
  if (fate === 'cancelled') {
    s.act(startDay + 3, cast.supervisor, 'CancelItem', { reason: '上级已统一部署,本事项并入专项行动' });
    return;
  }
  s.act(startDay + 3, cast.handler, 'AcceptItem', {});
  // One hazard at work is listed by the city for supervision (挂牌督办): the desk's 挂牌 box shows it.
  if (typeKey === 'hazard' && fate === 'on_track') s.act(startDay + 4, cast.supervisor, 'ListItem', { level: 'city', reason: '涉及群众生命安全,市级挂牌督办' });
  s.act(startDay + 8, cast.handler, 'ReportProgress', { text: '已制定工作方案,明确责任分工', percent: 30 });
  if (cast.co && cast.coHandler && index % 2 === 0) s.act(startDay + 9, cast.coHandler, 'ReportAsCoUnit', { text: '已按分工完成配合任务' });
  if (index % 3 === 0) s.act(startDay + 10, cast.leader, 'GiveInstruction', { text: '请抓紧推进,确保按期办结。' });

  switch (fate) {
    case 'on_track':
    case 'returned_once':
      s.act(-3, cast.handler, 'ReportProgress', { text: '主体工作已完成过半', percent: 60 });
      return;
    case 'near_deadline':
      s.act(-4, cast.handler, 'ReportProgress', { text: '正在收尾', percent: 80 });
      return;
    case 'overdue':
      s.act(-5, cast.supervisor, 'UrgeItem', { note: '已超期,请说明情况并加快办理' });
      return;
    case 'extended':
      s.act(-10, cast.handler, 'RequestExtension', { deadline: date(12), reason: '涉及多部门协调,需延长办理时限' });
      s.act(-9, cast.supervisor, 'ApproveExtension', { note: '同意延期,请按新时限办结' });
      return;
    case 'in_review':
      s.act(-5, cast.handler, 'RequestClosure', { summary: '已按要求办结', evidence: ['demo:report.pdf'], fields: example.closure });
      return;
    case 'closed_on_time':
    case 'closed_late':
    case 'rejected_once':
      break;
  }
  // The closing fates: request closure, maybe a rejection, then every stage that applies.
  const closeDay = fate === 'closed_late' ? -18 : fate === 'closed_on_time' ? -24 : -20;
  s.act(closeDay, cast.handler, 'RequestClosure', { summary: '已按要求办结', evidence: ['demo:report.pdf'], fields: example.closure });
  let day = closeDay + 1;
  if (fate === 'rejected_once') {
    s.act(day, cast.supervisor, 'RejectClosure', { reason: '佐证材料不完整,请补充现场照片' });
    s.act(day + 1, cast.handler, 'RequestClosure', { summary: '已补充佐证材料', evidence: ['demo:report.pdf', 'demo:photo.jpg'], fields: example.closure });
    day += 2;
  }
  for (const { stage } of applicableStages(type, example.draft)) {
    if (stage.publicNoticeDays) day += stage.publicNoticeDays + 1;
    const by = stage.by === 'leader' ? cast.leader : cast.supervisor;
    s.act(day, by, 'PassStage', stage.rating ? { rating: { satisfaction: 'satisfied', resolved: true } } : { note: '同意' });
    day += 1;
  }
}

/**
 * One 整改 item in its 公示 period, whose 办理情况 names a resident with an ID number and a mobile number: its
 * public page (/public/{tenant}/items/…) shows them masked.
 */
function publicNoticeScript(steps: Step[], tenantId: string, index: number, date: (d: number) => string): void {
  const cast = CASTS.rectification!;
  const example = EXAMPLE_FIELDS.rectification!;
  const s = new ItemScript(steps, index * 100, tenantId);
  const title = '城西工业园区企业废水直排问题整改';
  s.create(-30, cast.supervisor, {
    ledgerType: 'rectification',
    title,
    content: `${title}。请牵头单位按要求办理并按时反馈。`,
    fields: { ...example.draft, problem: '群众举报城西工业园区某企业夜间直排生产废水', noticeChannel: '市政府门户网站' },
  });
  s.act(-29.9, cast.supervisor, 'AssignItem', { leadUnitId: cast.lead, coUnitIds: [], deadline: date(30) });
  s.act(-28, cast.handler, 'AcceptItem', {});
  s.act(-15, cast.handler, 'ReportProgress', { text: '已封堵直排口,企业停产整顿', percent: 70 });
  const completion = '已封堵直排口2处,企业完成污水处理设施改造并通过验收。经回访举报人张建华(身份证号11010519491231002X,联系电话13912345678),其对整改结果表示认可。';
  s.act(-6, cast.handler, 'RequestClosure', { summary: '整改已完成', evidence: ['demo:report.pdf'], fields: { completion } });
  s.act(-3, cast.supervisor, 'PassStage', { note: '现场验收合格' });
}

/**
 * A district's 整改 that the district has taken through 验收, 公示 and 审签 and that now waits for 上级复核 by the
 * city's 督查室 (a district cannot review its own work): it is on the city supervisor's desk on first start.
 */
function upperReviewScript(steps: Step[], tenantId: string, index: number, date: (d: number) => string): void {
  const s = new ItemScript(steps, index * 100, tenantId);
  const title = '东城区护城河沿岸违规堆放建筑垃圾问题整改';
  s.create(-45, 'd1.supervisor', {
    ledgerType: 'rectification',
    title,
    content: `${title}。请和平街道按要求清理并建立长效巡查机制。`,
    fields: { ...EXAMPLE_FIELDS.rectification!.draft, problem: '护城河东段沿岸堆放建筑垃圾约 120 吨', noticeChannel: '东城区政府网站' },
  });
  s.act(-44.9, 'd1.supervisor', 'AssignItem', { leadUnitId: 'd1-s1', coUnitIds: [], deadline: date(15) });
  s.act(-43, 'd1-s1.handler', 'AcceptItem', {});
  s.act(-30, 'd1-s1.handler', 'ReportProgress', { text: '已清运建筑垃圾 80 吨', percent: 60 });
  s.act(-20, 'd1-s1.handler', 'RequestClosure', {
    summary: '已全部清理,巡查制度已建立',
    evidence: ['demo:report.pdf', 'demo:photo.jpg'],
    fields: { completion: '清运建筑垃圾 120 吨,设置围挡和监控,建立每周巡查制度' },
  });
  s.act(-19, 'd1.supervisor', 'PassStage', { note: '现场验收合格' });
  s.act(-11, 'd1.supervisor', 'PassStage', { note: '公示期满无异议' });
  s.act(-10, 'd1.leader', 'PassStage', { note: '同意' });
}

/** The steps of every demo item, in the order they happen. */
export function demoSteps(tenantId: string, now: Date, timeZone: string): Step[] {
  const today = toLocalDate(now, timeZone);
  const date = (d: number) => addDays(today, d);
  const steps: Step[] = [];
  let index = 0;
  const title = '秋季开学“一校一方案”防控专项';
  const parent = new ItemScript(steps, index++ * 100, tenantId).create(-43, CASTS.school_plan!.supervisor, {
    ledgerType: 'directive',
    title,
    content: `${title}:全市各学校逐校制定秋季开学防控方案,由教育主管部门审核落实。`,
    fields: { category: 'key_task', sourceName: title },
  });
  const campaign: Campaign = { parentId: () => parent.itemId };
  for (const type of BUILTIN_LEDGER_TYPES) {
    const titles = DEMO_TITLES[type.key] ?? [];
    FATES.forEach((fate, i) => script(steps, tenantId, type.key, fate, titles[i] ?? `${type.name.zh} ${i + 1}`, index++, date, campaign));
  }
  publicNoticeScript(steps, tenantId, index++, date);
  upperReviewScript(steps, tenantId, index++, date);
  inspectionScript(steps, tenantId, index++, date);
  recheckScript(steps, tenantId, index++, date);
  signalsScript(steps, tenantId, index++, date);
  return steps.sort((a, b) => a.day - b.day || a.order - b.order);
}

/** The instant a step runs at: its day offset from `now`, spread over office hours by its order. */
export function stepTime(now: Date, step: Step): Date {
  const t = new Date(now.getTime() + step.day * 86_400_000);
  // Keep every step strictly in the past and strictly increasing within a day.
  return new Date(Math.min(t.getTime(), now.getTime() - 60_000) - 3_600_000 + (step.order % 100) * 1_000);
}
