/**
 * Public surface of the loop, with what the app layer needs to call it: load the item, build a
 * DecideContext (actor, UnitTree, resolved LedgerType, now, time zone), call `decide`, append the events,
 * fold them with `evolve`.
 */
export * from './commands.js';
export type { DecideContext } from './context.js';
export { decide } from './decide.js';
export * from './events.js';
export { evolve } from './evolve.js';
export { adjustedDeadline } from './deadline-adjust.js';
export { deadlineReminder, recheckDue, recheckDueOn } from './reminders.js';
export type { DeadlineBasis } from './schemas.js';
export { inLeaderScope, supervisesOwner, supervisorCovers } from './guards.js';
export { brokenInvariants } from './invariants.js';
export { perEntityCommands } from './per-entity.js';
export type { Entity, PerEntityTemplate } from './per-entity.js';
export { replay, replayAll } from './replay.js';
export { BUILTIN_LEDGER_TYPES, resolveLedgerType, resolveLedgerTypes } from '../ledger-types/index.js';
export type { LedgerType } from '../ledger-types/index.js';
export { UnitTree } from '../units.js';
export type { Unit, UnitKind } from '../units.js';
export { availableActions, ITEM_ACTIONS, type ItemAction } from './available.js';
