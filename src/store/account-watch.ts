import type pg from 'pg';
import { loadPg } from './db.js';

/** The channel of migration 202611271810_account_notify; the payload is the schema whose accounts changed. */
const CHANNEL = 'luoshi_accounts';
/** How long to wait before listening again after the connection was lost. */
const RETRY_MS = 1_000;

/**
 * PostgreSQL: hears that who may do what changed — in this schema, on any node or through the command line —
 * and tells the listeners, who drop what they reuse (authenticated principals, resolved actors). One connection
 * of its own, opened on the first subscription and kept up: when it is lost it is opened again, and the
 * listeners are told once it is back, since changes in between went unheard (until then their own few seconds
 * of reuse still bound how long a change goes unseen).
 */
export class AccountWatch {
  private readonly listeners = new Set<() => void>();
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly schema: string,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Calls `listener` after every committed change; returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.client && !this.retry && !this.closed) void this.listen();
    return () => void this.listeners.delete(listener);
  }

  /** Resolves once listening (for tests: a change committed after it is heard). */
  async ready(): Promise<void> {
    for (let i = 0; i < 200 && !this.client && !this.closed; i++) await new Promise((r) => setTimeout(r, 10));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private tell(): void {
    for (const listener of this.listeners) listener();
  }

  private async listen(): Promise<void> {
    const client = new (loadPg().Client)({ connectionString: this.url, options: `-c search_path=${this.schema}` });
    const lost = (err?: unknown) => {
      if (err) this.onError(err);
      if (this.client === client) this.client = null;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (!this.closed && !this.retry) this.retry = setTimeout(() => ((this.retry = null), void this.listen()), RETRY_MS).unref();
    };
    client.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload === this.schema) this.tell();
    });
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
    } catch (err) {
      lost(err);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.tell();
  }
}
