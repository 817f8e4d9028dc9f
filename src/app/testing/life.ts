/*
 * Test and benchmark support (no vitest imports): the commands of an item's life in the loop, as the people
 * of a LedgerCity would send them. The crash test's child and the ledger benchmark drive items with these.
 */
import type { LocalDate } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import type { LedgerCity, NamedActor } from './ledger-city.js';

export const STEP_KINDS = ['assign', 'accept', 'return', 'report', 'urge', 'instruct', 'request_closure', 'pass'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface Step {
  readonly as: NamedActor;
  /** The loop's command without `itemId`. */
  readonly command: Record<string, unknown>;
}

/**
 * Where the item stands in a whole 督办 life (交办 → 签收 → two reports → 申请办结 → 审核 passes): the kind of its
 * next step, or null once it is closed or cancelled.
 */
export function nextKind(item: Item): StepKind | null {
  switch (item.status) {
    case 'draft':
      return 'assign';
    case 'assigned':
      return 'accept';
    case 'in_progress':
      return item.progress < 60 ? 'report' : 'request_closure';
    case 'closing':
      return 'pass';
    case 'closed':
    case 'cancelled':
      return null;
    default: {
      const never: never = item.status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

function leadHandler(city: LedgerCity, item: Item): NamedActor {
  const d = item.leadUnitId === null ? -1 : city.departments.indexOf(item.leadUnitId);
  const h = city.handlers(d)[0];
  if (!h) throw new Error(`item ${item.id} has no lead department of the city`);
  return h;
}

/**
 * The step of `kind` for `item`: who sends it and the command. `lead` picks the department an assignment
 * goes to (an index into city.departments, wrapped); `deadline` is the assignment's deadline.
 */
export function stepOf(kind: StepKind, city: LedgerCity, item: Item, lead: number, deadline: LocalDate): Step {
  switch (kind) {
    case 'assign':
      return { as: city.supervisor, command: { type: 'AssignItem', data: { leadUnitId: city.departments[lead % city.departments.length], deadline } } };
    case 'accept':
      return { as: leadHandler(city, item), command: { type: 'AcceptItem', data: {} } };
    case 'return':
      return { as: leadHandler(city, item), command: { type: 'ReturnItem', data: { reason: '不属于本单位职责,建议交由主管部门办理' } } };
    case 'report': {
      const percent = Math.min(100, item.progress + 30);
      return { as: leadHandler(city, item), command: { type: 'ReportProgress', data: { text: `已完成排查整治任务的 ${percent}%`, percent } } };
    }
    case 'urge':
      return { as: city.supervisor, command: { type: 'UrgeItem', data: { note: '请加快办理进度,按时反馈' } } };
    case 'instruct':
      return { as: city.leader, command: { type: 'GiveInstruction', data: { text: '请抓紧推进,确保按期办结。' } } };
    case 'request_closure':
      return {
        as: leadHandler(city, item),
        command: { type: 'RequestClosure', data: { summary: '已按要求办结', evidence: [`file:${item.id}`], fields: { outcome: '问题已整改到位' } } },
      };
    case 'pass':
      return { as: city.supervisor, command: { type: 'PassStage', data: { note: '同意' } } };
    default: {
      const never: never = kind;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}

/** The directive every driven item is created with. */
export const DRIVEN_ITEM = { ledgerType: 'directive', title: '全面排查整治城市安全运行风险隐患', fields: { category: 'meeting_decision' } } as const;
