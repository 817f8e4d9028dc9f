import { OfficialDocumentRepository } from './official-document.repository.js';
import type { Kysely } from 'kysely';
import type { Instant, TenantId } from '../domain/ids.js';
import { CaseKeyRepository } from './case-key.repository.js';
import { appendToChain, type ChainWriter, type NewEvent, type StoredEvent } from './chain.js';
import type { EtmKeys } from './crypto/etm.js';
import type { CryptoProvider } from './crypto/provider.js';
import type { Database } from './database.js';
import { DocumentRepository } from './document.repository.js';
import { ReadoutDraftRepository } from './readout-draft.repository.js';
import { ItemPageReader } from './item-page.js';
import { EventRepository } from './event.repository.js';
import { EvidenceRepository } from './evidence.repository.js';
import { ItemRepository } from './item.repository.js';
import { NumberSequenceRepository } from './number-sequence.repository.js';
import { TenantRepository } from './tenant.repository.js';
import { UnitRepository } from './unit.repository.js';
import { UserRepository } from './user.repository.js';
import { signalRepositories, type SignalReads, type SignalRepositories } from './signal.repository.js';
import { ApiTokenRepository } from './api-token.repository.js';
import { ItemSearchRepository } from './item-search.repository.js';
import { LoginFailureRepository } from './login-failure.repository.js';
import { AccountRequestRepository } from './account-request.repository.js';
import { ItemColumnsReader } from './item-columns.js';
import { SessionRepository } from './session.repository.js';
import { TotpRepository } from './totp.repository.js';
import { LIVE_WEBHOOKS_SQL, WebhookRepository } from './webhook.repository.js';
import { JobRunRepository } from './job-run.repository.js';
import { LedgerConfigRepository } from './ledger-config.repository.js';
import { NotifyRepository } from './notify.repository.js';
import { NotifyOutboxRepository } from './notify-outbox.repository.js';
import { HolidayNoticeRepository } from './holiday-notice.repository.js';
import { InspectionRepository } from './inspection.repository.js';

/** Everything a use case may do inside its one transaction. */
export interface TransactionContext {
  readonly tenants: TenantRepository;
  readonly units: UnitRepository;
  readonly users: UserRepository;
  readonly items: ItemRepository;
  readonly numbers: NumberSequenceRepository;
  readonly documents: DocumentRepository;
  readonly readoutDrafts: ReadoutDraftRepository;
  readonly evidence: EvidenceRepository;
  readonly events: EventRepository;
  readonly itemPages: ItemPageReader;
  readonly caseKeys: CaseKeyRepository;
  readonly signals: SignalRepositories;
  readonly itemSearch: ItemSearchRepository;
  readonly sessions: SessionRepository;
  readonly loginFailures: LoginFailureRepository;
  readonly accountRequests: AccountRequestRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly totp: TotpRepository;
  readonly webhooks: WebhookRepository;
  readonly jobRuns: JobRunRepository;
  readonly ledgerConfigs: LedgerConfigRepository;
  readonly notify: NotifyRepository;
  readonly notifyOutbox: NotifyOutboxRepository;
  readonly officialDocuments: OfficialDocumentRepository;
  readonly holidayNotices: HolidayNoticeRepository;
  readonly inspections: InspectionRepository;
  /**
   * Appends events to the tenant's chain in this transaction (see appendEvents in chain.ts). Call it after
   * the projection writes.
   */
  appendEvents(tenantId: TenantId, events: readonly NewEvent[]): Promise<StoredEvent[]>;
  /** Destroys a case's key in this transaction: its personal fields read as erased from then on. */
  destroyCaseKey(tenantId: TenantId, caseId: string, at: Instant): Promise<boolean>;
}

/** Reads outside a transaction (lists, pages, timelines): the read methods of the repositories only. */
export interface ReadContext {
  readonly tenants: Pick<TenantRepository, 'get' | 'list'>;
  readonly units: Pick<UnitRepository, 'get' | 'list' | 'subtreeIds'>;
  readonly users: Pick<UserRepository, 'get' | 'getByUsername' | 'list'>;
  readonly items: Pick<ItemRepository, 'get' | 'getMany' | 'list' | 'count' | 'children' | 'getByNumbers'>;
  readonly documents: Pick<DocumentRepository, 'get' | 'listByTenant' | 'digestOf'>;
  readonly readoutDrafts: Pick<ReadoutDraftRepository, 'get' | 'listByAuthor'>;
  readonly evidence: Pick<EvidenceRepository, 'get' | 'listByItem' | 'listByTenant' | 'countByStorageKey'>;
  readonly events: EventRepository;
  readonly itemPages: ItemPageReader;
  readonly caseKeys: Pick<CaseKeyRepository, 'get' | 'keyOrNull' | 'listExpired'>;
  readonly signals: SignalReads;
  readonly itemSearch: ItemSearchRepository;
  readonly sessions: Pick<SessionRepository, 'get'>;
  readonly loginFailures: Pick<LoginFailureRepository, 'get'>;
  readonly accountRequests: Pick<AccountRequestRepository, 'get' | 'listPending'>;
  readonly itemColumns: ItemColumnsReader;
  readonly apiTokens: Pick<ApiTokenRepository, 'get' | 'getByHash' | 'listByUser'>;
  readonly totp: Pick<TotpRepository, 'get'>;
  readonly webhooks: Pick<WebhookRepository, 'get' | 'list' | 'listDeliveries'>;
  readonly jobRuns: Pick<JobRunRepository, 'get' | 'list'>;
  readonly ledgerConfigs: Pick<LedgerConfigRepository, 'get'>;
  readonly notify: Pick<
    NotifyRepository,
    'getSettings' | 'listChannels' | 'openChannel' | 'getContact' | 'getPreferences' | 'allPreferences' | 'listInbox' | 'unreadCount' | 'contactKinds'
  >;
  readonly notifyOutbox: Pick<NotifyOutboxRepository, 'list' | 'get' | 'sentSince'>;
  readonly officialDocuments: Pick<OfficialDocumentRepository, 'get' | 'listByItem' | 'listByKind'>;
  readonly holidayNotices: Pick<HolidayNoticeRepository, 'list'>;
  readonly inspections: Pick<InspectionRepository, 'getPlan' | 'listPlans' | 'listPhotos' | 'getRound' | 'listRounds' | 'listAllRounds'>;
}

export interface ContextDeps {
  readonly crypto: CryptoProvider;
  readonly master: EtmKeys;
  readonly chain: ChainWriter;
}

function repositories(db: Kysely<Database>, deps: ContextDeps) {
  const items = new ItemRepository(db);
  const events = new EventRepository(db);
  return {
    tenants: new TenantRepository(db),
    units: new UnitRepository(db),
    users: new UserRepository(db),
    items,
    numbers: new NumberSequenceRepository(db),
    documents: new DocumentRepository(db, deps.crypto),
    readoutDrafts: new ReadoutDraftRepository(db),
    evidence: new EvidenceRepository(db),
    events,
    itemPages: new ItemPageReader(db, deps.chain.dialect, items, events),
    caseKeys: new CaseKeyRepository(db, deps.crypto, deps.master),
    signals: signalRepositories(db),
    itemSearch: new ItemSearchRepository(db, deps.chain.dialect),
    sessions: new SessionRepository(db),
    loginFailures: new LoginFailureRepository(db),
    accountRequests: new AccountRequestRepository(db),
    itemColumns: new ItemColumnsReader(db),
    apiTokens: new ApiTokenRepository(db),
    totp: new TotpRepository(db, deps.crypto, deps.master),
    webhooks: new WebhookRepository(db, deps.crypto, deps.master, deps.chain.dialect),
    jobRuns: new JobRunRepository(db),
    ledgerConfigs: new LedgerConfigRepository(db),
    notify: new NotifyRepository(db, deps.crypto, deps.master, deps.chain.dialect),
    notifyOutbox: new NotifyOutboxRepository(db, deps.chain.dialect),
    officialDocuments: new OfficialDocumentRepository(db),
    holidayNotices: new HolidayNoticeRepository(db),
    inspections: new InspectionRepository(db),
  };
}

/**
 * The context bound to one transaction. `onAppended` hears every append, so the store can checkpoint the
 * new heads once the transaction has committed.
 */
export function transactionContext(trx: Kysely<Database>, deps: ContextDeps, onAppended: (events: StoredEvent[]) => void): TransactionContext {
  const repos = repositories(trx, deps);
  return {
    ...repos,
    async appendEvents(tenantId, events) {
      // The webhook outbox is written in the same transaction as the events it reports. On PostgreSQL the
      // statement that appends also tells whether the tenant has live webhooks: none, no query.
      const { events: stored, answer: live } = await appendToChain(trx, deps.chain, tenantId, events, LIVE_WEBHOOKS_SQL);
      await repos.webhooks.enqueue(stored, live);
      if (stored.length > 0) onAppended(stored);
      return stored;
    },
    destroyCaseKey: (tenantId, caseId, at) => repos.caseKeys.destroy(tenantId, caseId, at),
  };
}

export function readContext(db: Kysely<Database>, deps: ContextDeps): ReadContext {
  return repositories(db, deps);
}
