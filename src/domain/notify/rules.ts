/**
 * What notifies whom: one table of rules from an event of the record to an audience and an urgency. Pure: the
 * notifier (jobs) reads events and asks `rulesFor`; who the audience's people are is the store's business.
 * Events of time passing (DeadlineNear, RecheckDue) are written by the day job on the item's chain and notify
 * like any action's.
 */

/** Who hears of an event, relative to the item it is about. */
export const AUDIENCES = [
  /** The lead unit's handlers (承办人 of 牵头单位). */
  'lead',
  /** The lead unit's leaders. */
  'lead_leader',
  /** The co-units' handlers (配合单位). */
  'co',
  /** The owner unit's supervisors: whoever runs the item and passes its stages. */
  'owner',
  /** The owner unit's leaders. */
  'owner_leader',
] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * How pressing: `urgent` goes by every channel the recipient has (SMS included) and ignores quiet hours;
 * `normal` by the recipient's chosen channels; `low` in the app and the daily digest only.
 */
export const URGENCIES = ['urgent', 'normal', 'low'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** What a rule may look at besides the event's type: its payload and the item's ledger type. */
export interface RuleInput {
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly ledgerType: string;
}

/** One row of the table. `when` narrows it to some events of the type (e.g. the kind of an urge). */
export interface NotifyRule {
  /** Stable name of the rule: what a tenant's override refers to, and what a recipient reads as the reason. */
  readonly key: string;
  readonly event: string;
  readonly when?: (e: RuleInput) => boolean;
  readonly audience: readonly Audience[];
  readonly urgency: Urgency;
  /** 中文 label of what happened, used in subject lines: 「督办〔2026〕0012号 新交办」. */
  readonly label: string;
}

const urgeKind = (kind: string) => (e: RuleInput) => e.payload.kind === kind;
/** 转办 and 提级 are one event, ItemMoved, told apart by its kind. */
const moveKind = urgeKind;
const stageWaits = (e: RuleInput) => e.payload.next !== null && e.payload.next !== undefined;

/** The built-in table (issue: what notifies whom). Order matters only for readability; every matching rule fires. */
export const DEFAULT_RULES: readonly NotifyRule[] = [
  { key: 'assigned', event: 'ItemAssigned', audience: ['lead', 'co'], urgency: 'normal', label: '新交办' },
  { key: 'transferred', event: 'ItemMoved', when: moveKind('transfer'), audience: ['lead', 'owner'], urgency: 'normal', label: '已转办' },
  { key: 'escalated', event: 'ItemMoved', when: moveKind('escalation'), audience: ['lead', 'owner'], urgency: 'normal', label: '已提级督办' },
  { key: 'accepted_late', event: 'ItemAccepted', when: (e) => e.payload.late === true, audience: ['owner'], urgency: 'normal', label: '逾期签收' },
  { key: 'returned', event: 'ItemReturned', audience: ['owner'], urgency: 'normal', label: '被退回' },
  { key: 'return_requested', event: 'ReturnRequested', audience: ['owner'], urgency: 'normal', label: '申请退回待审批' },
  { key: 'return_approved', event: 'ReturnApproved', audience: ['owner'], urgency: 'normal', label: '同意退回' },
  { key: 'return_denied', event: 'ReturnDenied', audience: ['lead'], urgency: 'normal', label: '不同意退回' },
  { key: 'listed', event: 'ItemListed', audience: ['lead', 'lead_leader'], urgency: 'urgent', label: '已挂牌督办' },
  { key: 'unlisted', event: 'ItemUnlisted', audience: ['lead'], urgency: 'normal', label: '已摘牌' },
  { key: 'near_deadline', event: 'DeadlineNear', audience: ['lead'], urgency: 'normal', label: '临近办理期限' },
  { key: 'urged', event: 'ItemUrged', when: urgeKind('urge'), audience: ['lead'], urgency: 'normal', label: '催办' },
  { key: 'overdue', event: 'ItemUrged', when: (e) => e.payload.kind === 'urge' && e.payload.automatic === true, audience: ['owner'], urgency: 'normal', label: '已逾期' },
  { key: 'supervision_letter', event: 'ItemUrged', when: urgeKind('supervision_letter'), audience: ['lead', 'lead_leader'], urgency: 'urgent', label: '督办函' },
  { key: 'bulletin', event: 'ItemUrged', when: urgeKind('bulletin'), audience: ['lead', 'lead_leader'], urgency: 'urgent', label: '通报' },
  { key: 'extension_requested', event: 'ExtensionRequested', audience: ['owner'], urgency: 'normal', label: '延期申请' },
  { key: 'extension_approved', event: 'ExtensionApproved', audience: ['lead'], urgency: 'normal', label: '延期已批准' },
  { key: 'extension_denied', event: 'ExtensionDenied', audience: ['lead'], urgency: 'normal', label: '延期未批准' },
  { key: 'closure_requested', event: 'ClosureRequested', audience: ['owner'], urgency: 'normal', label: '申请办结待审核' },
  { key: 'stage_waiting', event: 'StagePassed', when: stageWaits, audience: ['owner'], urgency: 'normal', label: '待下一环节审核' },
  { key: 'closure_rejected', event: 'ClosureRejected', audience: ['lead'], urgency: 'normal', label: '办结被驳回' },
  { key: 'instruction', event: 'InstructionGiven', audience: ['lead'], urgency: 'normal', label: '领导批示' },
  { key: 'reopened', event: 'ItemReopened', audience: ['lead'], urgency: 'normal', label: '回头看重新打开' },
  { key: 'recheck_due', event: 'RecheckDue', audience: ['owner', 'lead'], urgency: 'normal', label: '回头看到期' },
  // A round is no item: its inspecting unit stands as the lead (see the notifier's targets).
  { key: 'inspection_round_due', event: 'InspectionRoundDue', audience: ['lead'], urgency: 'normal', label: '巡查轮次到期' },
];

/** A tenant's change to one rule, for all ledger types or one: switch it off, or give it another audience or urgency. */
export interface RuleOverride {
  readonly key: string;
  /** Only items of this ledger type; null or absent: every type. A type-specific override wins over a general one. */
  readonly ledgerType?: string | null;
  readonly off?: boolean;
  readonly audience?: readonly Audience[];
  readonly urgency?: Urgency;
}

/**
 * Built-in overrides by ledger type: a monitoring alarm (监测预警信号) is verified within 24 hours, so its unit
 * hears of it at once by every channel it has (SMS included).
 */
export const DEFAULT_OVERRIDES: readonly RuleOverride[] = [{ key: 'assigned', ledgerType: 'signal', urgency: 'urgent', audience: ['lead', 'lead_leader', 'co'] }];

/** A rule as it applies to one event: its key, label, audience and urgency after the tenant's overrides. */
export interface AppliedRule {
  readonly key: string;
  readonly label: string;
  readonly audience: readonly Audience[];
  readonly urgency: Urgency;
}

/**
 * The rules an event sets off, after the built-in and then the tenant's overrides (later overrides win; an
 * override for the event's ledger type beats one for every type). An empty list: nobody is notified.
 */
export function rulesFor(e: RuleInput, overrides: readonly RuleOverride[] = [], rules: readonly NotifyRule[] = DEFAULT_RULES): AppliedRule[] {
  const all = [...DEFAULT_OVERRIDES, ...overrides];
  const out: AppliedRule[] = [];
  for (const rule of rules) {
    if (rule.event !== e.type || (rule.when && !rule.when(e))) continue;
    let applied: AppliedRule & { off?: boolean } = { key: rule.key, label: rule.label, audience: rule.audience, urgency: rule.urgency };
    const general = all.filter((o) => o.key === rule.key && (o.ledgerType ?? null) === null);
    const specific = all.filter((o) => o.key === rule.key && o.ledgerType === e.ledgerType);
    for (const o of [...general, ...specific]) {
      applied = { ...applied, ...(o.audience ? { audience: o.audience } : {}), ...(o.urgency ? { urgency: o.urgency } : {}), ...(o.off !== undefined ? { off: o.off } : {}) };
    }
    if (applied.off === true || applied.audience.length === 0) continue;
    out.push({ key: applied.key, label: applied.label, audience: applied.audience, urgency: applied.urgency });
  }
  return out;
}

/** Every event type some rule listens to: the notifier skips the rest without looking further. */
export const notifiedEventTypes = (rules: readonly NotifyRule[] = DEFAULT_RULES): ReadonlySet<string> => new Set(rules.map((r) => r.event));
