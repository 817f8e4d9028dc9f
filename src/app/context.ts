import type { WorkCalendar } from '../domain/calendar.js';
import type { TenantId } from '../domain/ids.js';
import type { LedgerConfig } from '../domain/ledger-types/index.js';
import type { Store } from '../store/index.js';
import type { ParsePool } from './parsing/parse-pool.js';

/**
 * What every use case needs. Time and ids come from here, never from the global clock, so tests and the
 * demo can run the loop on a simulated calendar.
 */
export interface AppDeps {
  readonly store: Store;
  readonly now: () => Date;
  readonly newId: () => string;
  /**
   * A fixed ledger configuration per tenant (tests, tools). When absent, the tenant's stored configuration is used
   * (cached per tenant, see ledger-types/cache.ts); the built-ins when none is stored.
   */
  readonly ledgers?: (tenantId: TenantId) => LedgerConfig | undefined;
  /** Working-day calendar with the city's holiday notices; the package calendar when absent. */
  readonly calendar?: WorkCalendar;
  /**
   * Webhooks may target loopback, private and link-local addresses (LUOSHI_WEBHOOK_ALLOW_PRIVATE, for intranet
   * deployments); refused when absent or false (see domain/webhook-target.ts).
   */
  readonly allowPrivateWebhooks?: boolean;
  /**
   * Child processes that parse uploaded files (parsing/parse-pool.ts). The server always has one; without it
   * (the command line reading its operator's own files) files are parsed in the calling thread.
   */
  readonly parsing?: ParsePool;
}

/** Who is acting: a user of a tenant, by username (the CLI's `--as`) or id (a session). */
export type ActorRef = { readonly tenantId: TenantId; readonly username: string } | { readonly tenantId: TenantId; readonly userId: string };

/**
 * Who is reading: a user (scoped by role and unit) or the operator of the installation at the command line,
 * who holds the database and its keys anyway and so reads every item of the tenant (never acts on them).
 */
export type ViewerRef = ActorRef | { readonly tenantId: TenantId; readonly operator: true };

export const isOperator = (v: ViewerRef): v is Extract<ViewerRef, { operator: true }> => 'operator' in v;

export const nowInstant = (deps: AppDeps): string => deps.now().toISOString();
