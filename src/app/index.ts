/** The use cases: what the CLI, the API and the jobs call. Each opens at most one transaction. */
export type { ActorRef, AppDeps, ViewerRef } from './context.js';
export { AppError, APP_ERROR_CODES, type AppErrorCode } from './errors.js';
export { createItem, createAndAssign, type CreateItemInput } from './items/create.js';
export { performAction, type ActionResult } from './items/perform.js';
export { editItem } from './items/edit.js';
export { listItems, showItem, type ItemDetail, type ItemListQuery, type ItemRow, type Provenance, type TimelineEntry } from './items/queries.js';
export { deadlineFromLimit } from './items/deadlines.js';
export { ensureTenant, addUnits, addUsers, hashPassword, type TenantSetup, type UserSetup } from './organisation.js';
export {
  computeStats,
  OPEN_LIGHTS,
  type LightCounts,
  type LightDistribution,
  type LightGroup,
  type OpenLight,
  type StatsGroup,
  type StatsQuery,
  type StatsResult,
} from './stats.js';
export { auditLog, verifyRecord } from './audit.js';
export { revealPersonal } from './personal-read.js';
export { erasePersonal } from './personal-erase.js';
export { MASKED, ERASED_VIEW } from './personal.js';
export { importReadout, showReadoutDraft, editReadoutDraft, confirmReadoutDraft, type ImportReadoutInput, type ReadoutDraftView, type ConfirmResult } from './readouts/readouts.js';
export type { DraftData, DraftDirective, DraftEdit } from './readouts/draft.js';
