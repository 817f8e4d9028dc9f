import type { AppDeps } from '../../app/context.js';
import { fanOutNotifications, type NotifyInstallation } from '../../app/notify/fanout.js';
import type { TenantId } from '../../domain/ids.js';
import type { HttpPolicy } from './http.js';
import { dispatchNotifications } from './dispatch.js';
import { emailAdapter, type MailSettings } from './email.js';

export interface NotifierOptions {
  readonly tenantId: TenantId;
  readonly installation: NotifyInstallation;
  /** E-mail by SMTP, or null. */
  readonly mail: MailSettings | null;
  readonly http: Omit<HttpPolicy, 'signal'>;
  /** Pause between rounds (default 1 s): how soon after an action its notifications go out. */
  readonly everyMs?: number;
  /** Extra work per round (the digests), after the fan-out and before the dispatch. */
  readonly extra?: () => Promise<void>;
  readonly onError?: (e: unknown) => void;
}

/**
 * Runs the notifier in this process until stopped: every round turns new events into notifications (the fan-out)
 * and sends what is due from the outbox. A round's failure is reported and the next one tries again; an action
 * never waits for a round. Stopping aborts requests in flight (their claims run out, and they are sent again).
 */
export function startNotifier(deps: AppDeps, o: NotifierOptions): () => Promise<void> {
  const stopping = new AbortController();
  const email = o.mail ? emailAdapter(o.mail) : null;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    try {
      await fanOutNotifications(deps, o.tenantId, o.installation);
      await o.extra?.();
      await dispatchNotifications(deps.store, { now: deps.now, email, http: { ...o.http, signal: stopping.signal } });
    } catch (e) {
      if (!stopping.signal.aborted) o.onError?.(e);
    }
    if (!stopping.signal.aborted) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => {
      running = round();
    }, o.everyMs ?? 1_000);
    timer.unref();
  };
  schedule();
  return async () => {
    stopping.abort();
    clearTimeout(timer);
    await running;
    email?.close();
  };
}
