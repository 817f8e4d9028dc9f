import type { AppDeps } from '../../app/context.js';
import { sendDigests } from '../../app/notify/digest.js';
import { fanOutNotifications, type NotifyInstallation } from '../../app/notify/fanout.js';
import type { TenantId } from '../../domain/ids.js';
import { isCodedError } from '../../contracts/errors.js';
import type { HttpPolicy } from './http.js';
import { dispatchNotifications } from './dispatch.js';
import { emailAdapter, type MailSettings } from './email.js';
import { startRounds } from '../rounds.js';

export interface NotifierOptions {
  readonly tenantId: TenantId;
  readonly installation: NotifyInstallation;
  /** E-mail by SMTP, or null. */
  readonly mail: MailSettings | null;
  readonly http: Omit<HttpPolicy, 'signal'>;
  /** Pause between rounds (default 1 s): how soon after an action its notifications go out. */
  readonly everyMs?: number;
  /** This process, as recorded in the digests' claimed rows. */
  readonly node: string;
  /** How often to look whether the day's digests are due (default every minute). */
  readonly digestEveryMs?: number;
  readonly onError?: (e: unknown) => void;
}

/**
 * Runs the notifier in this process until stopped: every round turns new events into notifications (the fan-out)
 * and sends what is due from the outbox. A round's failure is reported and the next one tries again; an action
 * never waits for a round. Stopping aborts requests in flight (their claims run out, and they are sent again).
 */
export function startNotifier(deps: AppDeps, o: NotifierOptions): () => Promise<void> {
  const email = o.mail ? emailAdapter(o.mail) : null;
  // The digests are looked at once a minute, and not again on a day once they have gone out (here or elsewhere).
  let digestLook = -Infinity;
  let digestDone: string | null = null;
  const rounds = startRounds(
    o.everyMs ?? 1_000,
    async (signal) => {
      await fanOutNotifications(deps, o.tenantId, o.installation);
      const now = deps.now().getTime();
      if (now - digestLook >= (o.digestEveryMs ?? 60_000)) {
        digestLook = now;
        const today = new Date(now).toISOString().slice(0, 10);
        if (digestDone !== today) {
          // A digest that cannot go out (no tenant yet) must not hold up the sending below.
          try {
            const r = await sendDigests(deps, o.tenantId, o.installation, { node: o.node });
            if (r.due) digestDone = today;
          } catch (e) {
            if (!isCodedError(e)) throw e;
            if (!signal.aborted) o.onError?.(e);
          }
        }
      }
      await dispatchNotifications(deps.store, { now: deps.now, email, http: { ...o.http, signal } });
    },
    o.onError,
  );
  return async () => {
    await rounds.stop();
    email?.close();
  };
}
