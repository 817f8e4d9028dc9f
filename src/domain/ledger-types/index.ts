/** Public surface of ledger types: definitions, the built-ins, tenant resolution and field validation. */
export { BUILTIN_LEDGER_TYPES } from './builtin/index.js';
export { LedgerConfigSchema, LedgerTypeOverrideSchema, resolveLedgerType, resolveLedgerTypes } from './config.js';
export type { LedgerConfig, LedgerTypeOverride } from './config.js';
export { FIELD_KINDS, LedgerTypeShape } from './definition.js';
export type { ClosureStage, ColumnDef, Condition, EnumOption, FieldDef, FieldKind, Label, LedgerType, TimeLimit } from './definition.js';
export { applyFieldPatch, fieldsSchema, personalFieldNames, validateFieldPatch } from './fields.js';
export type { FieldPhase, FieldValues } from './fields.js';
export { applicableStages, nextStage, stageApplies } from './stages.js';
export type { StageAt } from './stages.js';
export { LedgerTypeSchema, validateLedgerType } from './validate.js';
