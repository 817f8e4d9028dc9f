/**
 * The store's public API for the app layer. Inside src/store files import each other directly; everything
 * above imports from here.
 */
export { openStore, type Store, type StoreConfig } from './store.js';
export type { ReadContext, TransactionContext } from './context.js';
export { createDatabase, type DatabaseConfig, type DatabaseHandle, type Dialect } from './db.js';
export type { Database } from './database.js';
export { checkSchema, migrateToLatest, type SchemaStatus } from './migrate.js';
export { StoreError, STORE_ERROR_CODES, isStoreError, type StoreErrorCode } from './errors.js';
export { appendEvents, createChainKey, CHAIN_ALGORITHMS, GENESIS_HASH, type ChainAlgorithm, type ChainKey, type ChainWriter, type NewEvent, type StoredEvent } from './chain.js';
export { verifyChain, CHAIN_PROBLEMS, type ChainProblem, type ChainVerification } from './verify.js';
export { readCheckpoints, appendCheckpoints, type Checkpoint, type CheckpointPolicy, type InvalidCheckpoint } from './checkpoints.js';
export { generateSm2PrivateKey, softwareSm2Signer, verifySignature, type Signer } from './crypto/signer.js';
export { openWithPassphrase, sealWithPassphrase, type SealedKey } from './crypto/key-seal.js';
export { canonicalJson } from './canonical.js';
export { nodeCryptoProvider } from './crypto/node-provider.js';
export type { CryptoProvider, DigestAlgorithm, MacKey, SigningKeyPair } from './crypto/provider.js';
export { KEY_FILES } from './keys.js';
export {
  sealPersonal,
  openPersonal,
  openPersonalFields,
  isSealed,
  isErased,
  ERASED,
  sealCaseFile,
  openCaseFile,
  PERSONAL_ALGORITHM,
  type CaseKey,
  type SealedValue,
  type ErasedValue,
} from './personal.js';
export { destroyCaseKey, type CaseKeyLookup } from './case-key.repository.js';
export type { ItemFilter } from './item-query.js';
export type { ItemOrder, ItemPageRequest } from './item.repository.js';
export type { Page, PageRequest } from './page.js';
export { pageSize } from './page.js';
export { SIGNING_POLICIES, type SigningPolicy, type Tenant } from './tenant.repository.js';
export type { StoredUnit, NewUnit } from './unit.repository.js';
export type { User, NewUser } from './user.repository.js';
export type { SourceDocument } from './document.repository.js';
export { OFFICIAL_DOCUMENT_KINDS, type OfficialDocument, type OfficialDocumentKind } from './official-document.repository.js';
export type { ReadoutDraft, ReadoutDraftStatus } from './readout-draft.repository.js';
export type { Evidence } from './evidence.repository.js';
export type { EventQuery } from './event.repository.js';
export type { InspectionPhoto, RecordedRound, StoredInspectionPlan } from './inspection.repository.js';
export type { Session } from './session.repository.js';
export type { LoginFailures } from './login-failure.repository.js';
export type { AccountRequest, AccountRequestKind } from './account-request.repository.js';
export type { ItemColumns } from './item-columns.js';
export type { ApiToken } from './api-token.repository.js';
export type { TotpFactor } from './totp.repository.js';
export type { Webhook, Delivery, DueDelivery, DeliveryStatus } from './webhook.repository.js';
export { ITEM_SORTS, type ItemSort, type ItemSearch, type ItemSearchPage } from './item-search.repository.js';
export { LIT_STATUSES, type ItemGroupCount } from './item-facets.js';
export { ANY_INDICATOR, type SignalIndicator, type NewSignalIndicator, type SignalResponsible, type SignalFrequency } from './signal-indicator.repository.js';
export type { SignalCount, SeriesRef } from './signal-count.repository.js';
export type { SignalDetection, SignalEvaluation, DetectionKey, DetectionOutcome } from './signal-detection.repository.js';
export { putBlob, readBlob, deleteBlob, isSealedBlob, type StoredBlob } from './blob-store.js';
export type { JobRun, JobRunStatus, ClaimRules, ClaimResult } from './job-run.repository.js';
export type { StoredLedgerConfig } from './ledger-config.repository.js';
export type { StoreOps, OutboxFigures } from './ops.js';
export { backupSqliteFile } from './sqlite-backup.js';
export { assertKnownMigrations, copyDatabase, inSnapshot, prepareEmptyTarget, writeAll, appliedMigrations, databaseSources, type CopiedTable, type TableSource } from './copy.js';
export { dumpTables, readTableRows, countRows, type DumpTable, type DumpColumn } from './dump.js';
export { CONTACT_KINDS, type ContactKind, type NotifyChannel, type OpenChannel, type InboxEntry, type NewInboxEntry } from './notify.repository.js';
export type { NotifyDelivery, NewNotifyDelivery, ClaimedNotifyDelivery, NotifyDeliveryStatus } from './notify-outbox.repository.js';
export type { StoredHolidayNotice } from './holiday-notice.repository.js';
