/**
 * Public surface of the loop: decide (command → events), evolve (event → item), replay, and the schemas of
 * commands and events. The app layer loads the item, calls `decide`, appends the events and folds them.
 */
export * from './commands.js';
export type { DecideContext } from './context.js';
export { decide } from './decide.js';
export * from './events.js';
export { evolve } from './evolve.js';
export { inLeaderScope, supervisesOwner } from './guards.js';
export { brokenInvariants } from './invariants.js';
export { replay, replayAll } from './replay.js';
export { perEntityCommands } from './per-entity.js';
export type { Entity, PerEntityTemplate } from './per-entity.js';
