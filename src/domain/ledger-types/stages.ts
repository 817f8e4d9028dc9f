import type { ClosureStage, LedgerType } from './definition.js';
import { conditionHolds, type FieldValues } from './fields.js';

/** A closure stage with its index in the type's full stage list. */
export interface StageAt {
  readonly index: number;
  readonly stage: ClosureStage;
}

/** Whether a stage applies to an item with these field values (e.g. 复查验收 only for 重大 hazards). */
export function stageApplies(stage: ClosureStage, fields: FieldValues): boolean {
  return stage.appliesWhen === undefined || conditionHolds(stage.appliesWhen, fields);
}

/**
 * The first stage after index `after` (pass -1 for the first one) that applies to the item, or null when
 * none is left and the item closes.
 */
export function nextStage(type: LedgerType, fields: FieldValues, after: number): StageAt | null {
  for (let i = after + 1; i < type.closureStages.length; i++) {
    const stage = type.closureStages[i]!;
    if (stageApplies(stage, fields)) return { index: i, stage };
  }
  return null;
}

/** The stages an item with these field values goes through, in order. */
export function applicableStages(type: LedgerType, fields: FieldValues): StageAt[] {
  const out: StageAt[] = [];
  for (let s = nextStage(type, fields, -1); s; s = nextStage(type, fields, s.index)) out.push(s);
  return out;
}
