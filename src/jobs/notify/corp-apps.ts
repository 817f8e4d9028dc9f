import type { Message } from '../../domain/notify/message.js';
import type { OpenChannel } from '../../store/index.js';
import { attempt, failed, fromAnswer, vendorRequest, type ChannelAdapter, type SendContext, type SendResult, type SendTarget } from './adapter.js';
import { jsonOf } from './http.js';

/** Error codes both vendors answer for an access token that is invalid or expired: fetch a new one and try again. */
const TOKEN_EXPIRED = new Set([40014, 42001, 88]);

interface Token {
  readonly value: string;
  readonly until: number;
}

/**
 * Access tokens per channel, reused until shortly before they expire (both vendors give 7,200 s and limit how
 * often one is fetched), dropped when the vendor says a token is no longer valid.
 */
export class TokenCache {
  private readonly tokens = new Map<string, Token>();
  constructor(private readonly fetchToken: (c: OpenChannel, ctx: SendContext) => Promise<{ token: string; expiresIn: number } | string>) {}

  /** The channel's token, or an error text when the vendor refused to give one. */
  async get(c: OpenChannel, ctx: SendContext, fresh = false): Promise<string | { error: string }> {
    const now = ctx.now().getTime();
    const hit = this.tokens.get(c.id);
    if (!fresh && hit && hit.until > now) return hit.value;
    const got = await this.fetchToken(c, ctx);
    if (typeof got === 'string') return { error: got };
    // Renewed five minutes early, so a token never expires on its way to the vendor.
    this.tokens.set(c.id, { value: got.token, until: now + Math.max(60, got.expiresIn - 300) * 1000 });
    return got.token;
  }

  drop(channelId: string): void {
    this.tokens.delete(channelId);
  }
}

async function tokenFrom(url: string, ctx: SendContext): Promise<{ token: string; expiresIn: number } | string> {
  const a = await vendorRequest(url, { method: 'GET' }, ctx.http);
  const j = jsonOf(a);
  if (a.status === 200 && j.errcode === 0 && typeof j.access_token === 'string') {
    return { token: j.access_token, expiresIn: typeof j.expires_in === 'number' ? j.expires_in : 7200 };
  }
  return `gettoken: HTTP ${a.status} errcode ${String(j.errcode)} ${String(j.errmsg ?? '')}`.trim();
}

const base = (c: OpenChannel): string => c.url.replace(/\/+$/, '');

/** Sends with the cached token; when the vendor says it expired, fetches a new one and sends once more. */
async function withToken(cache: TokenCache, c: OpenChannel, ctx: SendContext, send: (token: string) => Promise<{ result: SendResult; errcode: unknown }>): Promise<SendResult> {
  for (const fresh of [false, true]) {
    const token = await cache.get(c, ctx, fresh);
    if (typeof token !== 'string') return failed(token.error, true);
    const { result, errcode } = await send(token);
    if (result.ok || typeof errcode !== 'number' || !TOKEN_EXPIRED.has(errcode)) return result;
    cache.drop(c.id);
  }
  return failed('access token refused twice', true);
}

const errcodeOk = (j: Record<string, unknown>) => j.errcode === 0;
const describe = (j: Record<string, unknown>) => `errcode ${String(j.errcode)} ${String(j.errmsg ?? '')}`;
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

const dingtalkTokens = new TokenCache((c, ctx) =>
  tokenFrom(`${base(c)}/gettoken?appkey=${encodeURIComponent(c.settings.appKey ?? '')}&appsecret=${encodeURIComponent(c.secrets?.appSecret ?? '')}`, ctx),
);

/**
 * 钉钉 工作通知 through a corp app: the token from GET /gettoken (appkey, appsecret), then POST
 * /topapi/message/corpconversation/asyncsend_v2 with agent_id, userid_list (the person's DingTalk user id) and
 * a markdown msg.
 */
export const dingtalkWork: ChannelAdapter = {
  send: (m: Message, t: SendTarget, ctx: SendContext) =>
    attempt(async () => {
      const c = t.channel;
      if (!c?.secrets?.appSecret) return failed('corp app secret missing or its sealed box fails its check', false);
      if (!t.address) return failed('no DingTalk user id for the recipient', false);
      const body = JSON.stringify({ agent_id: Number(c.settings.agentId), userid_list: t.address, msg: { msgtype: 'markdown', markdown: { title: m.subject, text: m.markdown } } });
      return withToken(dingtalkTokens, c, ctx, async (token) => {
        const a = await vendorRequest(
          `${base(c)}/topapi/message/corpconversation/asyncsend_v2?access_token=${encodeURIComponent(token)}`,
          { method: 'POST', headers: JSON_TYPE, body },
          ctx.http,
        );
        return { result: fromAnswer(a, errcodeOk, describe), errcode: jsonOf(a).errcode };
      });
    }),
};

const wecomTokens = new TokenCache((c, ctx) =>
  tokenFrom(`${base(c)}/cgi-bin/gettoken?corpid=${encodeURIComponent(c.settings.corpId ?? '')}&corpsecret=${encodeURIComponent(c.secrets?.corpSecret ?? '')}`, ctx),
);

/**
 * 企业微信 应用消息: the token from GET /cgi-bin/gettoken (corpid, corpsecret), then POST /cgi-bin/message/send
 * with touser (the person's WeCom user id), agentid and a markdown message.
 */
export const wecomApp: ChannelAdapter = {
  send: (m: Message, t: SendTarget, ctx: SendContext) =>
    attempt(async () => {
      const c = t.channel;
      if (!c?.secrets?.corpSecret) return failed('corp app secret missing or its sealed box fails its check', false);
      if (!t.address) return failed('no WeCom user id for the recipient', false);
      const body = JSON.stringify({ touser: t.address, msgtype: 'markdown', agentid: Number(c.settings.agentId), markdown: { content: m.markdown } });
      return withToken(wecomTokens, c, ctx, async (token) => {
        const a = await vendorRequest(`${base(c)}/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`, { method: 'POST', headers: JSON_TYPE, body }, ctx.http);
        return { result: fromAnswer(a, errcodeOk, describe), errcode: jsonOf(a).errcode };
      });
    }),
};
