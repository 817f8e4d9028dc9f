/**
 * Early-warning settings of a ledger type (DESIGN.md, 预警). Lights are a pure function of
 * (item, now, rules); these are the rules.
 */
export interface WarningRules {
  /** Yellow this many working days before the current deadline (default 3). */
  readonly warnWorkingDays: number;
  /** Yellow when an assigned item is not accepted within this many working days (default 2). */
  readonly acceptWithinWorkingDays: number;
  /** Yellow when a closure stage has waited more than this many working days (default 3). */
  readonly stageWaitWorkingDays: number;
  /** Progress light: yellow when reported progress trails 序时进度 by more than this many points (default 20). */
  readonly progressLagPercent: number;
  /** Escalation after the deadline passes, in order (催办 → 督办函 → 通报). */
  readonly escalation: readonly EscalationStep[];
  /**
   * 定期报送: a report due by the item's cadence and not made escalates like a deadline — an automatic 催办 this
   * many working days after the day it was due, and red from the other count on. Absent: yellow only.
   */
  readonly reportLapse?: ReportLapse;
}

export interface ReportLapse {
  readonly urgeAfterWorkingDays: number;
  readonly redAfterWorkingDays: number;
}

/**
 * The stricter rules of an item listed for supervision (挂牌督办): yellow twice as many working days before the
 * deadline, a day less to accept and to decide a closure stage (never under one), and half the progress lag
 * tolerated. A listed item is a major hazard or a key task: its unit hears of slippage sooner.
 */
export function listedRules<R extends WarningRules & { readonly stageWaitByStage?: Readonly<Record<string, number>> }>(rules: R): R {
  const tighter = (days: number) => Math.max(1, days - 1);
  return {
    ...rules,
    warnWorkingDays: rules.warnWorkingDays * 2,
    acceptWithinWorkingDays: tighter(rules.acceptWithinWorkingDays),
    stageWaitWorkingDays: tighter(rules.stageWaitWorkingDays),
    progressLagPercent: rules.progressLagPercent / 2,
    ...(rules.stageWaitByStage && { stageWaitByStage: Object.fromEntries(Object.entries(rules.stageWaitByStage).map(([k, v]) => [k, tighter(v)])) }),
  };
}

export const ESCALATION_KINDS = ['urge', 'supervision_letter', 'bulletin'] as const;
/** 催办, 督办函, 通报. */
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export interface EscalationStep {
  readonly kind: EscalationKind;
  /** Working days after the current deadline at which this step is due (0 = the day after expiry). */
  readonly afterWorkingDays: number;
}

export const DEFAULT_WARNING_RULES: WarningRules = {
  warnWorkingDays: 3,
  acceptWithinWorkingDays: 2,
  stageWaitWorkingDays: 3,
  progressLagPercent: 20,
  escalation: [
    { kind: 'urge', afterWorkingDays: 0 },
    { kind: 'supervision_letter', afterWorkingDays: 5 },
    { kind: 'bulletin', afterWorkingDays: 10 },
  ],
  reportLapse: { urgeAfterWorkingDays: 2, redAfterWorkingDays: 5 },
};
