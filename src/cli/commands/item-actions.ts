import { AppError } from '../../app/index.js';
import type { StoredUnit } from '../../store/index.js';
import { resolveUnit } from './units-lookup.js';

/** How a flag's text becomes a value of the command's data. */
type Parse = 'text' | 'unit' | 'units' | 'number' | 'list' | 'bool' | 'pairs';

interface FlagSpec {
  readonly flag: string;
  readonly key: string;
  readonly help: string;
  readonly parse?: Parse;
}

export interface ActionSpec {
  /** The URL slug of the action (`POST /items/:id/{name}`), so the CLI and the API speak one vocabulary. */
  readonly name: string;
  readonly type: string;
  readonly help: string;
  readonly flags: readonly FlagSpec[];
  /** Data the command always carries (e.g. the decision of approve-return). */
  readonly fixed?: Readonly<Record<string, unknown>>;
  /** Names earlier versions used: they still work, unlisted in the help. */
  readonly aliases?: readonly string[];
  /** A name kept for scripts written before the slug existed; not listed in the help. */
  readonly hidden?: boolean;
  /**
   * The API's decide-* slugs: `--decision approve|deny` picks the command (and its data), and only that
   * decision's flags apply.
   */
  readonly decision?: Readonly<Record<Decision, { readonly type: string; readonly fixed?: Readonly<Record<string, unknown>>; readonly flags: readonly string[] }>>;
}

type Decision = 'approve' | 'deny';

const f = (flag: string, key: string, help: string, parse: Parse = 'text'): FlagSpec => ({ flag, key, help, parse });
const reason = f('--reason <text>', 'reason', 'reason (required) 理由');
const note = f('--note <text>', 'note', 'note 意见');

/** Every action of the loop as `luoshi item <name> ID …`. */
export const ACTION_SPECS: readonly ActionSpec[] = [
  {
    name: 'edit',
    type: 'EditDraft',
    help: 'Edit a draft, or correct an item at work as its supervisor 修改',
    flags: [
      f('--title <text>', 'title', 'title'),
      f('--content <text>', 'content', 'content'),
      f('--priority <p>', 'priority', 'normal | high | urgent'),
      f('--field <name=value>', 'fields', 'extra field (repeat)', 'pairs'),
    ],
  },
  {
    name: 'assign',
    type: 'AssignItem',
    help: 'Assign to a lead unit 交办',
    flags: [
      f('--lead <unit>', 'leadUnitId', 'lead unit (id or name) 牵头单位', 'unit'),
      f('--co <units>', 'coUnitIds', 'co-units, comma-separated 配合单位', 'units'),
      f('--deadline <date>', 'deadline', "deadline YYYY-MM-DD (default: the ledger type's time limit) 办理时限"),
      f('--working-days <n>', 'workingDays', 'deadline N working days from today, instead of --deadline 按工作日计算时限', 'number'),
      f('--cadence <c>', 'cadence', 'report cadence of an ongoing item: weekly | biweekly | monthly | quarterly'),
      f('--planned-start <date>', 'plannedStart', 'start of the planned span, for 序时进度'),
      f('--contact <unit=name>', 'contacts', 'responsible staff member per unit (repeat)', 'pairs'),
    ],
  },
  { name: 'accept', type: 'AcceptItem', help: 'Accept as the lead unit 签收', flags: [f('--contact <name>', 'contact', 'responsible staff member 联系人')] },
  { name: 'return', type: 'ReturnItem', help: 'Return to the supervisor (wrong unit) 退回', flags: [reason] },
  {
    name: 'report',
    type: 'ReportProgress',
    help: 'Report progress 进展反馈',
    flags: [
      f('--text <text>', 'text', 'what was done'),
      f('--percent <n>', 'percent', 'progress 0–100', 'number'),
      f('--evidence <refs>', 'evidence', 'evidence refs, comma-separated', 'list'),
    ],
  },
  {
    name: 'report-co-unit',
    aliases: ['co-report'],
    type: 'ReportAsCoUnit',
    help: 'Report as a co-unit 配合单位反馈',
    flags: [f('--text <text>', 'text', 'what was done'), f('--evidence <refs>', 'evidence', 'evidence refs', 'list'), f('--contact <name>', 'contact', 'contact')],
  },
  {
    name: 'request-extension',
    type: 'RequestExtension',
    help: 'Request an extension (before the deadline) 延期申请',
    flags: [f('--deadline <date>', 'deadline', 'new deadline YYYY-MM-DD'), reason],
  },
  {
    name: 'decide-extension',
    type: 'ApproveExtension',
    help: 'Approve or deny the pending extension 延期审批 (--decision approve|deny)',
    flags: [f('--deadline <date>', 'deadline', 'approve: grant another date than the one asked'), note, f('--reason <text>', 'reason', 'deny: reason (required) 理由')],
    decision: { approve: { type: 'ApproveExtension', flags: ['deadline', 'note'] }, deny: { type: 'DenyExtension', flags: ['reason'] } },
  },
  {
    name: 'approve-extension',
    hidden: true,
    type: 'ApproveExtension',
    help: 'Approve the pending extension 批准延期',
    flags: [f('--deadline <date>', 'deadline', 'grant another date than the one asked'), note],
  },
  { name: 'deny-extension', hidden: true, type: 'DenyExtension', help: 'Deny the pending extension 不予延期', flags: [reason] },
  {
    name: 'request-closure',
    type: 'RequestClosure',
    help: 'Request closure with evidence 申请办结',
    flags: [
      f('--summary <text>', 'summary', 'what was achieved'),
      f('--evidence <refs>', 'evidence', 'evidence refs (at least one) 佐证材料', 'list'),
      f('--field <name=value>', 'fields', 'closure field (repeat)', 'pairs'),
    ],
  },
  {
    name: 'pass-stage',
    aliases: ['pass'],
    type: 'PassStage',
    help: 'Pass the current closure stage 审核通过',
    flags: [
      f('--stage <key>', 'stageKey', 'the stage you mean (guards against passing another)'),
      note,
      f('--satisfaction <level>', 'rating.satisfaction', '回访: very_satisfied | satisfied | basically_satisfied | dissatisfied | very_dissatisfied'),
      f('--resolved <yes|no>', 'rating.resolved', '回访: solved?', 'bool'),
    ],
  },
  { name: 'reject', type: 'RejectClosure', help: 'Reject the closure request 驳回', flags: [f('--stage <key>', 'stageKey', 'the stage you mean'), reason] },
  {
    name: 'reopen',
    type: 'ReopenItem',
    help: 'Reopen after a re-check 回头看重新打开 (a rebound 反弹 when a 回头看 is due)',
    flags: [reason, f('--deadline <date>', 'deadline', 'new deadline')],
  },
  {
    name: 'confirm-recheck',
    type: 'ConfirmRecheck',
    help: 'Record a due 回头看 as confirmed: the problem stayed solved 回头看确认 (supervisor)',
    flags: [f('--note <text>', 'note', 'what was checked (required) 复查情况'), f('--evidence <refs>', 'evidence', 'evidence refs, comma-separated', 'list')],
  },
  { name: 'cancel', type: 'CancelItem', help: 'Cancel 撤销', flags: [reason] },
  { name: 'urge', type: 'UrgeItem', help: 'Urge 催办', flags: [f('--kind <k>', 'kind', 'urge | supervision_letter | bulletin'), note] },
  { name: 'instruct', type: 'GiveInstruction', help: 'Give an instruction 批示', flags: [f('--text <text>', 'text', 'instruction text')] },
  {
    name: 'transfer',
    type: 'TransferItem',
    help: 'Transfer to another lead unit 转办/改派 (supervisor; deadline kept unless --deadline)',
    flags: [
      f('--lead <unit>', 'leadUnitId', 'new lead unit (id or name) 新牵头单位', 'unit'),
      f('--co <units>', 'coUnitIds', 'co-units, comma-separated (default: kept)', 'units'),
      reason,
      f('--deadline <date>', 'deadline', 'reset the deadline (default: kept) 重新确定时限'),
    ],
  },
  {
    name: 'escalate',
    type: 'EscalateItem',
    help: 'Hand up to the unit above 提级 (lead unit of a dispute, appeal or hazard)',
    flags: [f('--to <unit>', 'toUnitId', 'a named higher unit (default: the unit directly above)', 'unit'), reason],
  },
  { name: 'request-return', type: 'RequestReturn', help: "Ask to return an accepted item 申请退回 (needs the supervisor's consent)", flags: [reason] },
  {
    name: 'decide-return',
    type: 'DecideReturn',
    help: 'Approve or deny a return request 退回审批 (--decision approve|deny)',
    flags: [f('--reason <text>', 'reason', 'approve: note; deny: reason (required) 理由')],
    decision: { approve: { type: 'DecideReturn', fixed: { approve: true }, flags: ['reason'] }, deny: { type: 'DecideReturn', fixed: { approve: false }, flags: ['reason'] } },
  },
  {
    name: 'approve-return',
    hidden: true,
    type: 'DecideReturn',
    help: 'Approve a return request 同意退回',
    flags: [f('--reason <text>', 'reason', 'note 意见')],
    fixed: { approve: true },
  },
  { name: 'deny-return', hidden: true, type: 'DecideReturn', help: 'Deny a return request 不同意退回', flags: [reason], fixed: { approve: false } },
  { name: 'list-flag', type: 'ListItem', help: 'List for supervision 挂牌督办 (supervisor)', flags: [f('--level <level>', 'level', 'city | district 市级 / 区级'), reason] },
  { name: 'unlist-flag', type: 'UnlistItem', help: 'Unlist a closed item 摘牌 (the supervisor who listed it, or one above)', flags: [note] },
];

/** The option name commander gives a flag (`--planned-start <date>` → plannedStart). */
export const optionKey = (flag: string): string =>
  flag
    .replace(/^--/, '')
    .split(' ')[0]!
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function parsePairs(values: string[], units: Map<string, StoredUnit> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new AppError('invalid_input', `Expected name=value, got ${v}`, `应为 名称=值 的形式:${v}`);
    const name = v.slice(0, eq);
    const raw = v.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // Not JSON: the text itself.
    }
    out[units ? resolveUnit(units, name) : name] = value;
  }
  return out;
}

function parseValue(spec: FlagSpec, raw: unknown, units: Map<string, StoredUnit>): unknown {
  switch (spec.parse ?? 'text') {
    case 'text':
      return raw;
    case 'unit':
      return resolveUnit(units, String(raw));
    case 'units':
      return String(raw)
        .split(',')
        .filter(Boolean)
        .map((u) => resolveUnit(units, u));
    case 'list':
      return String(raw).split(',').filter(Boolean);
    case 'number': {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new AppError('invalid_input', `${spec.flag.split(' ')[0]} must be a number`, `${spec.flag.split(' ')[0]} 须为数字`);
      return n;
    }
    case 'bool':
      if (!/^(yes|no|true|false)$/i.test(String(raw))) {
        throw new AppError('invalid_input', `${spec.flag.split(' ')[0]} must be yes or no`, `${spec.flag.split(' ')[0]} 须为 yes 或 no`);
      }
      return /^(yes|true)$/i.test(String(raw));
    case 'pairs':
      return parsePairs(raw as string[], spec.key === 'contacts' ? units : null);
    default:
      return raw;
  }
}

/**
 * The action as one command: for a decide-* action the `--decision` flag picks the command type and its data, and a
 * flag of the other decision is refused rather than silently dropped.
 * @throws AppError `invalid_input` for a missing or unknown decision or a flag that does not apply to it.
 */
export function decided(spec: ActionSpec, flags: Record<string, unknown>): ActionSpec {
  if (!spec.decision) return spec;
  const d = flags.decision;
  if (d !== 'approve' && d !== 'deny') {
    throw new AppError('invalid_input', `Say --decision approve or --decision deny for ${spec.name}`, `请用 --decision approve(同意)或 --decision deny(不同意)指明审批意见`);
  }
  const pick = spec.decision[d];
  for (const s of spec.flags) {
    const key = optionKey(s.flag);
    if (flags[key] !== undefined && !pick.flags.includes(s.key)) {
      const flag = s.flag.split(' ')[0]!;
      throw new AppError('invalid_input', `${flag} does not apply to --decision ${d}`, `${flag} 不适用于 --decision ${d}`);
    }
  }
  return { ...spec, type: pick.type, fixed: pick.fixed, flags: spec.flags.filter((s) => pick.flags.includes(s.key)) };
}

/** Builds the command's data from the parsed flags; `--payload JSON` gives the base the flags write over. */
export function actionData(spec: ActionSpec, flags: Record<string, unknown>, units: Map<string, StoredUnit>): Record<string, unknown> {
  let data: Record<string, unknown> = {};
  if (typeof flags.payload === 'string') {
    try {
      data = JSON.parse(flags.payload) as Record<string, unknown>;
    } catch {
      throw new AppError('invalid_input', '--payload is not valid JSON', '--payload 不是有效的 JSON');
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new AppError('invalid_input', '--payload must be a JSON object', '--payload 须为 JSON 对象');
  }
  for (const s of spec.flags) {
    const raw = flags[optionKey(s.flag)];
    if (raw === undefined) continue;
    const value = parseValue(s, raw, units);
    const [head, sub] = s.key.split('.') as [string, string | undefined];
    if (sub) data[head] = { ...(data[head] as Record<string, unknown> | undefined), [sub]: value };
    else data[head] = value;
  }
  return { ...data, ...spec.fixed };
}
