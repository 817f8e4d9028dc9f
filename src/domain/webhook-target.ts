/**
 * Where a webhook may post. A supervisor names the URL, the server makes the request: without a check, a
 * webhook could make the server post to services only it can reach (SSRF) — the database, a cloud metadata
 * endpoint, an admin interface on loopback. So by default a target must be a public address: http or https,
 * no credentials in the URL, and neither the host as written nor (when sending) any address its name resolves
 * to may be loopback, private, link-local, multicast, unspecified or otherwise reserved. Intranet deployments,
 * whose receivers are all on private addresses, switch that last part off (LUOSHI_WEBHOOK_ALLOW_PRIVATE=1).
 */
/** Why an address is no public target. */
export type AddressKind = 'loopback' | 'private' | 'link-local' | 'multicast' | 'unspecified' | 'reserved';

/** The operator setting that allows private targets, named in every refusal it would lift. */
export const ALLOW_PRIVATE_SETTING = 'LUOSHI_WEBHOOK_ALLOW_PRIVATE=1';

const KIND_ZH: Readonly<Record<AddressKind, string>> = {
  loopback: '本机回环',
  private: '内网（私有）',
  'link-local': '链路本地',
  multicast: '组播',
  unspecified: '未指定',
  reserved: '保留',
};

/** IPv4 blocks that are not publicly routable (IANA special-purpose registry), with why. */
const V4_BLOCKS: readonly (readonly [string, number, AddressKind])[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // includes cloud metadata at 169.254.169.254
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes the broadcast address
];

/** A dotted-quad IPv4 address as a 32-bit number, or null. */
function v4(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

function v4Kind(n: number): AddressKind | null {
  for (const [base, bits, kind] of V4_BLOCKS) {
    const shift = 32 - bits;
    if (Math.floor(n / 2 ** shift) === Math.floor(v4(base)! / 2 ** shift)) return kind;
  }
  return null;
}

/** An IPv6 address (no brackets; a zone is dropped; a trailing dotted quad allowed) as its eight groups, or null. */
function v6(ip: string): number[] | null {
  let s = ip.includes('%') ? ip.slice(0, ip.indexOf('%')) : ip;
  let tail: number[] = [];
  const quad = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (quad) {
    const n = v4(quad[2]!);
    if (n === null) return null;
    tail = [Math.floor(n / 65536), n % 65536];
    s = quad[1]!.endsWith('::') ? quad[1]! : quad[1]!.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): number[] => (h === '' ? [] : h.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some(Number.isNaN)) return null;
  const count = head.length + rest.length + tail.length;
  if (halves.length === 1) return count === 8 ? [...head, ...tail] : null;
  return count <= 7 ? [...head, ...Array<number>(8 - count).fill(0), ...rest, ...tail] : null;
}

function v6Kind(g: readonly number[]): AddressKind | null {
  const zeros = (from: number, to: number): boolean => g.slice(from, to).every((x) => x === 0);
  const embedded = (hi: number, lo: number): AddressKind | null => v4Kind(hi * 65536 + lo);
  if (zeros(0, 8)) return 'unspecified';
  if (zeros(0, 7) && g[7] === 1) return 'loopback';
  if (zeros(0, 5) && g[5] === 0xffff) return embedded(g[6]!, g[7]!); // IPv4-mapped ::ffff:a.b.c.d
  if (zeros(0, 6)) return 'reserved'; // IPv4-compatible ::a.b.c.d (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return embedded(g[6]!, g[7]!); // NAT64 64:ff9b::/96
  if (g[0] === 0x2002) return embedded(g[1]!, g[2]!); // 6to4 2002:a.b.c.d::/48
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && (g[1] === 0 || g[1] === 0x0db8)) return 'reserved'; // Teredo, documentation
  if ((g[0]! & 0xe000) !== 0x2000) return 'reserved'; // outside global unicast 2000::/3 (NAT64 local-use, discard, …)
  return null;
}

/**
 * Why an IP address (IPv4, or IPv6 with or without brackets, including IPv4-mapped and other forms that embed
 * IPv4) is not a public target, or null when it is one. Anything that is not an IP address counts as reserved.
 */
export function nonPublicAddress(ip: string): AddressKind | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const four = v4(bare);
  if (four !== null) return v4Kind(four);
  const groups = v6(bare);
  return groups ? v6Kind(groups) : 'reserved';
}

/** Whether `s` is an IP address (dotted-quad IPv4, or IPv6 without brackets). */
export const isIpAddress = (s: string): boolean => v4(s) !== null || v6(s) !== null;

/** What is wrong with a webhook URL. */
export type WebhookUrlProblem =
  | { readonly kind: 'invalid'; readonly reason: 'unparsable' | 'scheme' | 'credentials' }
  | { readonly kind: 'forbidden'; readonly host: string; readonly address: string; readonly addressKind: AddressKind };

export type WebhookUrlCheck =
  | {
      readonly ok: true;
      readonly url: URL;
      /** The host without IPv6 brackets. */
      readonly host: string;
      /** Whether the host is an IP address as written (nothing to resolve). */
      readonly literal: boolean;
    }
  | { readonly ok: false; readonly problem: WebhookUrlProblem };

/**
 * Checks a webhook URL as written: http or https, no user name or password, and unless `allowPrivate`, a host
 * that is neither a non-public IP address (in any form the URL standard accepts: 2130706433, 0x7f.1, [::1] …)
 * nor `localhost`. A host name is not resolved here; the dispatcher checks the addresses it resolves to.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: { kind: 'invalid', reason: 'unparsable' } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: { kind: 'invalid', reason: 'scheme' } };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: { kind: 'invalid', reason: 'credentials' } };
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (host === '') return { ok: false, problem: { kind: 'invalid', reason: 'unparsable' } };
  const literal = isIpAddress(host);
  if (!allowPrivate) {
    const kind = literal ? nonPublicAddress(host) : /(^|\.)localhost\.?$/i.test(host) ? 'loopback' : null;
    if (kind !== null) return { ok: false, problem: { kind: 'forbidden', host, address: host, addressKind: kind } };
  }
  return { ok: true, url, host, literal };
}

/** A refusal in English and Chinese; one that the operator setting would lift says how to set it. */
export function describeWebhookUrlProblem(problem: WebhookUrlProblem): { readonly en: string; readonly zh: string } {
  if (problem.kind === 'invalid') {
    switch (problem.reason) {
      case 'scheme':
        return { en: 'A webhook URL must start with http:// or https://.', zh: 'Webhook 地址必须以 http:// 或 https:// 开头。' };
      case 'credentials':
        return {
          en: 'A webhook URL may not carry a user name or password; receivers check the signature (x-luoshi-signature) instead.',
          zh: 'Webhook 地址中不得包含用户名或密码；接收方应校验签名（x-luoshi-signature）。',
        };
      case 'unparsable':
        return { en: 'Not a valid webhook URL.', zh: '不是合法的 Webhook 地址。' };
    }
  }
  const { host, address, addressKind } = problem;
  const where = host === address ? host : `${host} (${address})`;
  const article = addressKind === 'unspecified' ? 'an' : 'a';
  return {
    en: `Webhook target refused: ${where} is ${article} ${addressKind} address, and webhooks may post only to public addresses. For an intranet deployment the operator can allow private targets by setting ${ALLOW_PRIVATE_SETTING} on the server.`,
    zh: `Webhook 目标被拒绝：${where} 是${KIND_ZH[addressKind]}地址，Webhook 默认只能推送到公网地址。内网部署可由运维人员在服务器上设置 ${ALLOW_PRIVATE_SETTING} 以允许内网地址。`,
  };
}
