import type { Message } from '../../domain/notify/message.js';
import type { OpenChannel } from '../../store/index.js';
import { jsonOf, TargetRefused, vendorRequest, type HttpAnswer, type HttpPolicy } from './http.js';

/** What a channel sends to: the channel (null for e-mail by the installation's SMTP) and the person's address. */
export interface SendTarget {
  readonly channel: OpenChannel | null;
  /** E-mail address, phone number, or the person's user id at the vendor; null for a unit's group robot. */
  readonly address: string | null;
}

/** How an attempt ended: sent; or not, and whether trying again later may help (a 5xx, a timeout) or not. */
export type SendResult = { readonly ok: true } | { readonly ok: false; readonly retry: boolean; readonly error: string };

export interface SendContext {
  readonly now: () => Date;
  readonly http: HttpPolicy;
}

/** One adapter per kind of channel, all behind this. */
export interface ChannelAdapter {
  send(message: Message, target: SendTarget, ctx: SendContext): Promise<SendResult>;
}

export const sent: SendResult = { ok: true };
export const failed = (error: string, retry: boolean): SendResult => ({ ok: false, retry, error });

/** The outcome of a vendor answer: 5xx and network trouble are retried; a vendor error code is retried too
 * (rate limits, a token revoked meanwhile) unless `permanent` says it never succeeds. */
export function fromAnswer(a: HttpAnswer, ok: (json: Record<string, unknown>) => boolean, describe: (json: Record<string, unknown>) => string): SendResult {
  if (a.status >= 500) return failed(`HTTP ${a.status}`, true);
  const json = jsonOf(a);
  if (a.status >= 200 && a.status < 300 && ok(json)) return sent;
  return failed(`HTTP ${a.status} ${describe(json)}`.trim(), true);
}

/** Runs a vendor call and turns what it throws into a result: a refused target is permanent, the rest retried. */
export async function attempt(fn: () => Promise<SendResult>): Promise<SendResult> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof TargetRefused) return failed(e.message, false);
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return failed(`${e instanceof Error ? e.message : String(e)}${cause}`, true);
  }
}

export { vendorRequest };
