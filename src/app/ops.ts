import type { TenantId } from '../domain/ids.js';
import type { OutboxFigures } from '../store/index.js';
import type { AppDeps } from './context.js';

/*
 * Readiness and the figures of /metrics, for whoever runs the installation (no user, no business data: counts,
 * ages and the chain head only). The API exposes them on /readyz and /metrics; nothing here is authorised per
 * user because nothing here names an item, a unit or a person.
 */

/** One check of /readyz: its name, and a probe that resolves with a short reason when something is wrong. */
export interface ReadyCheck {
  readonly name: string;
  /** Resolves null when ready, or a short reason (English; no personal data). Should not throw, but may. */
  probe(): Promise<string | null>;
}

export interface ReadyResult {
  readonly name: string;
  readonly ok: boolean;
  readonly reason?: string;
}

const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 300);

/**
 * The checks every installation has: the database answers, its migrations are current, the key files are still
 * readable. Others (an open chain alarm, a full disk) join by adding to the list the server is given.
 */
export function baseReadyChecks(deps: AppDeps): ReadyCheck[] {
  const ops = deps.store.ops;
  return [
    {
      name: 'database',
      probe: async () => {
        await ops.ping();
        return null;
      },
    },
    {
      name: 'migrations',
      probe: async () => {
        const pending = await ops.pendingMigrations();
        return pending.length === 0 ? null : `pending migrations: ${pending.join(', ')}`;
      },
    },
    {
      name: 'keys',
      probe: () => {
        ops.checkKeys();
        return Promise.resolve(null);
      },
    },
  ];
}

/** Runs every check at once, each bounded by `timeoutMs` (a database that hangs is not ready). */
export async function runReadyChecks(checks: readonly ReadyCheck[], timeoutMs = 2000): Promise<ReadyResult[]> {
  return Promise.all(
    checks.map(async (c): Promise<ReadyResult> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
      });
      try {
        const reason = await Promise.race([c.probe(), timeout]);
        return reason === null ? { name: c.name, ok: true } : { name: c.name, ok: false, reason };
      } catch (e) {
        return { name: c.name, ok: false, reason: reasonOf(e) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/** The figures of the tenant read at each scrape of /metrics. */
export interface OpsFigures {
  readonly outbox: readonly OutboxFigures[];
  readonly chainHeadSeq: number;
  /** Seconds since the tenant's last signed checkpoint; null when there is none yet. */
  readonly checkpointAgeSeconds: number | null;
  /** Per daily job: when its latest run started and finished, and how it ended. */
  readonly jobs: readonly { readonly job: string; readonly status: string; readonly startedAt: string; readonly finishedAt: string | null }[];
}

/** Reads the operations figures of one tenant (a few small queries). */
export async function opsFigures(deps: AppDeps, tenantId: TenantId): Promise<OpsFigures> {
  const [outbox, head, lastCheckpoint, runs] = await Promise.all([
    deps.store.ops.outbox(tenantId),
    deps.store.read.events.head(tenantId),
    deps.store.ops.lastCheckpointAt(tenantId),
    deps.store.read.jobRuns.list(tenantId, 50),
  ]);
  const latest = new Map<string, OpsFigures['jobs'][number]>();
  for (const r of runs) {
    const seen = latest.get(r.job);
    if (!seen || seen.startedAt < r.startedAt) latest.set(r.job, { job: r.job, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt });
  }
  const nowMs = deps.now().getTime();
  return {
    outbox,
    chainHeadSeq: head.seq,
    checkpointAgeSeconds: lastCheckpoint === null ? null : Math.max(0, (nowMs - Date.parse(lastCheckpoint)) / 1000),
    jobs: [...latest.values()],
  };
}
