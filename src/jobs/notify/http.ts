import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { checkWebhookUrl, describeWebhookUrlProblem, nonPublicAddress } from '../../domain/webhook-target.js';

/** A host name's addresses, as the system resolver gives them. */
export type Resolve = (host: string) => Promise<readonly string[]>;
const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** How the channels reach vendors: the webhooks' SSRF policy, the resolver, a timeout, shutdown. */
export interface HttpPolicy {
  /** Loopback, private and link-local targets allowed (LUOSHI_WEBHOOK_ALLOW_PRIVATE, intranet gateways). */
  readonly allowPrivate: boolean;
  readonly resolve?: Resolve;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** A target refused by the SSRF policy: not worth retrying until the configuration changes. */
export class TargetRefused extends Error {}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * One HTTP request to a vendor under the webhooks' SSRF policy: the URL checked (http(s), no credentials), its
 * host resolved and every address checked, the request sent to a checked address (never resolving again, so a
 * re-pointed name cannot reach inside). Reads up to 64 KiB of the answer (vendors answer errors in the body).
 * @throws TargetRefused; network errors and timeouts as thrown by node:http.
 */
export async function vendorRequest(raw: string, init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }, policy: HttpPolicy): Promise<HttpAnswer> {
  const checked = checkWebhookUrl(raw, policy.allowPrivate);
  if (!checked.ok) throw new TargetRefused(describeWebhookUrlProblem(checked.problem).en);
  const addresses = checked.literal ? [checked.host] : await (policy.resolve ?? systemResolve)(checked.host);
  if (addresses.length === 0) throw new TargetRefused(`${checked.host} has no address`);
  for (const address of addresses) {
    const kind = isIP(address) === 0 ? 'reserved' : policy.allowPrivate ? null : nonPublicAddress(address);
    if (kind !== null) throw new TargetRefused(describeWebhookUrlProblem({ kind: 'forbidden', host: checked.host, address, addressKind: kind }).en);
  }
  const timeout = AbortSignal.timeout(policy.timeoutMs ?? 10_000);
  const signal = policy.signal ? AbortSignal.any([timeout, policy.signal]) : timeout;
  const url = checked.url;
  const tls = url.protocol === 'https:';
  const body = init.body ?? '';
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = (tls ? httpsRequest : httpRequest)(
      {
        host: addresses[0],
        port: url.port === '' ? (tls ? 443 : 80) : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: init.method,
        headers: { ...init.headers, host: url.host, ...(init.method === 'POST' ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
        signal,
        ...(tls && isIP(checked.host) === 0 ? { servername: checked.host } : {}),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= 65_536) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.method === 'POST' ? body : undefined);
  });
}

/** The answer's JSON object, or an empty one when it is not JSON (a gateway's HTML error page). */
export function jsonOf(a: HttpAnswer): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(a.body);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
