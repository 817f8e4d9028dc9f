/*
 * Test support: local fakes of the vendors on 127.0.0.1 that check a request as the vendor documents it — the
 * robot's 加签 or key, the access token, the request signature recomputed here from what arrived on the wire —
 * and answer in the vendor's format. Each can be told to fail with 5xx or to expire its tokens.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface Fake {
  readonly url: string;
  readonly requests: FakeRequest[];
  /** Requests the fake accepted (signature and token right). */
  readonly accepted: FakeRequest[];
  /** Answer the next `n` requests with HTTP 502. */
  failNext(n: number): void;
  close(): Promise<void>;
}

type Handler = (r: FakeRequest, accept: () => void) => { status: number; json: unknown };

async function startFake(handle: Handler): Promise<Fake> {
  const requests: FakeRequest[] = [];
  const accepted: FakeRequest[] = [];
  let failing = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://fake');
      const r: FakeRequest = { path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(r);
      if (failing > 0) {
        failing -= 1;
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
        return;
      }
      const out = handle(r, () => accepted.push(r));
      res.writeHead(out.status, { 'content-type': 'application/json' }).end(JSON.stringify(out.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted,
    failNext: (n) => {
      failing = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const parse = (body: string): Record<string, unknown> => {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/**
 * 钉钉 custom robot (/robot/send): the access_token must match; with a secret, `timestamp` must be within an hour
 * of now and `sign` the Base64 HMAC-SHA256 of "timestamp\nsecret" (errcode 310000 otherwise); the body a text or
 * markdown message. Answers {"errcode":0,"errmsg":"ok"}.
 */
export function fakeDingtalkRobot(token: string, secret: string | null): Promise<Fake> {
  return startFake((r, accept) => {
    if (r.path !== '/robot/send' || r.query.get('access_token') !== token) return { status: 200, json: { errcode: 300001, errmsg: 'token is not exist' } };
    if (secret !== null) {
      const ts = Number(r.query.get('timestamp'));
      const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
      if (!Number.isFinite(ts) || Math.abs(Date.now() - ts) > 3_600_000 || r.query.get('sign') !== expected) {
        return { status: 200, json: { errcode: 310000, errmsg: 'sign not match' } };
      }
    }
    const b = parse(r.body) as { msgtype?: string; markdown?: { title?: string; text?: string } };
    if (b.msgtype !== 'markdown' || !b.markdown?.title || !b.markdown.text) return { status: 200, json: { errcode: 40035, errmsg: 'missing parameter' } };
    accept();
    return { status: 200, json: { errcode: 0, errmsg: 'ok' } };
  });
}

/** 企业微信 group robot (/cgi-bin/webhook/send?key=): the key must match; a markdown body with content. */
export function fakeWecomRobot(key: string): Promise<Fake> {
  return startFake((r, accept) => {
    if (r.path !== '/cgi-bin/webhook/send' || r.query.get('key') !== key) return { status: 200, json: { errcode: 93000, errmsg: 'invalid webhook url' } };
    const b = parse(r.body) as { msgtype?: string; markdown?: { content?: string } };
    if (b.msgtype !== 'markdown' || !b.markdown?.content) return { status: 200, json: { errcode: 40008, errmsg: 'invalid message type' } };
    accept();
    return { status: 200, json: { errcode: 0, errmsg: 'ok' } };
  });
}

/** Tokens a fake corp app issued; `expireAll` makes the vendor refuse every one issued so far. */
export interface FakeCorpApp extends Fake {
  readonly tokensIssued: () => number;
  expireAll(): void;
}

async function fakeCorpApp(o: {
  tokenPath: string;
  credentials: (q: URLSearchParams) => boolean;
  sendPath: string;
  expiredCode: number;
  checkBody: (b: Record<string, unknown>) => boolean;
}): Promise<FakeCorpApp> {
  let issued = 0;
  const live = new Set<string>();
  const fake = await startFake((r, accept) => {
    if (r.path === o.tokenPath) {
      if (!o.credentials(r.query)) return { status: 200, json: { errcode: 40001, errmsg: 'invalid credential' } };
      issued += 1;
      const token = `tok-${issued}`;
      live.add(token);
      return { status: 200, json: { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 } };
    }
    if (r.path !== o.sendPath) return { status: 404, json: {} };
    if (!live.has(r.query.get('access_token') ?? '')) return { status: 200, json: { errcode: o.expiredCode, errmsg: 'access_token expired' } };
    if (!o.checkBody(parse(r.body))) return { status: 200, json: { errcode: 40035, errmsg: 'invalid parameter' } };
    accept();
    return { status: 200, json: { errcode: 0, errmsg: 'ok', task_id: 1 } };
  });
  return { ...fake, tokensIssued: () => issued, expireAll: () => live.clear() };
}

/** 钉钉 corp app: GET /gettoken?appkey&appsecret, POST /topapi/message/corpconversation/asyncsend_v2 (errcode 40014 for a stale token). */
export const fakeDingtalkWork = (appKey: string, appSecret: string, agentId: number) =>
  fakeCorpApp({
    tokenPath: '/gettoken',
    credentials: (q) => q.get('appkey') === appKey && q.get('appsecret') === appSecret,
    sendPath: '/topapi/message/corpconversation/asyncsend_v2',
    expiredCode: 40014,
    checkBody: (b) => b.agent_id === agentId && typeof b.userid_list === 'string' && (b.msg as { msgtype?: string } | undefined)?.msgtype === 'markdown',
  });

/** 企业微信 corp app: GET /cgi-bin/gettoken?corpid&corpsecret, POST /cgi-bin/message/send (errcode 42001 for an expired token). */
export const fakeWecomApp = (corpId: string, corpSecret: string, agentId: number) =>
  fakeCorpApp({
    tokenPath: '/cgi-bin/gettoken',
    credentials: (q) => q.get('corpid') === corpId && q.get('corpsecret') === corpSecret,
    sendPath: '/cgi-bin/message/send',
    expiredCode: 42001,
    checkBody: (b) => b.agentid === agentId && typeof b.touser === 'string' && b.msgtype === 'markdown',
  });

/** RFC 3986 as the vendor re-encodes the query it received (written apart from the sender's, on purpose). */
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/**
 * 阿里云 SendSms with V3 signatures: recomputes the ACS3-HMAC-SHA256 signature from the method, path, the query
 * as received, the headers named in SignedHeaders and the body; checks x-acs-content-sha256, action, version and
 * that the date is within 15 minutes. Answers {"Code":"OK"} or a 400 SignatureDoesNotMatch.
 */
export function fakeAliyunSms(accessKeyId: string, secret: string): Promise<Fake> {
  return startFake((r, accept) => {
    const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(String(r.headers.authorization ?? ''));
    if (!auth || auth[1] !== accessKeyId) return { status: 400, json: { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' } };
    const signed = auth[2]!.split(';');
    for (const need of ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version']) {
      if (!signed.includes(need)) return { status: 400, json: { Code: 'IncompleteSignature', Message: `${need} not signed` } };
    }
    if (r.headers['x-acs-content-sha256'] !== sha256(r.body)) return { status: 400, json: { Code: 'IncompleteSignature', Message: 'content hash' } };
    if (Math.abs(Date.parse(String(r.headers['x-acs-date'])) - Date.now()) > 900_000) return { status: 400, json: { Code: 'InvalidTimeStamp.Expired' } };
    const query = [...r.query.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
      .join('&');
    const headers = signed.map((h) => `${h}:${String(r.headers[h] ?? '').trim()}\n`).join('');
    const canonical = `POST\n${r.path}\n${query}\n${headers}\n${signed.join(';')}\n${sha256(r.body)}`;
    const expected = createHmac('sha256', secret)
      .update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`)
      .digest('hex');
    if (expected !== auth[3]) return { status: 400, json: { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' } };
    if (r.headers['x-acs-action'] !== 'SendSms' || r.headers['x-acs-version'] !== '2017-05-25') return { status: 400, json: { Code: 'InvalidAction' } };
    if (!r.query.get('PhoneNumbers') || !r.query.get('SignName') || !r.query.get('TemplateCode')) return { status: 400, json: { Code: 'MissingParameter' } };
    accept();
    return { status: 200, json: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' } };
  });
}

/**
 * 腾讯云 SendSms with TC3-HMAC-SHA256: recomputes the signature from content-type, host and x-tc-action as
 * received, the body and X-TC-Timestamp (within 5 minutes); checks action and version. Answers a SendStatusSet
 * with Code "Ok", or Response.Error AuthFailure.SignatureFailure.
 */
export function fakeTencentSms(secretId: string, secretKey: string): Promise<Fake> {
  return startFake((r, accept) => {
    const fail = (code: string) => ({ status: 200, json: { Response: { Error: { Code: code, Message: code }, RequestId: 'r' } } });
    const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      String(r.headers.authorization ?? ''),
    );
    if (!auth || auth[1] !== secretId) return fail('AuthFailure.SecretIdNotFound');
    const ts = Number(r.headers['x-tc-timestamp']);
    if (!Number.isFinite(ts) || Math.abs(ts * 1000 - Date.now()) > 300_000) return fail('AuthFailure.SignatureExpire');
    const date = new Date(ts * 1000).toISOString().slice(0, 10);
    if (date !== auth[2]) return fail('AuthFailure.SignatureFailure');
    const signed = auth[3]!.split(';');
    const headers = signed.map((h) => `${h}:${String(r.headers[h] ?? '').toLowerCase()}\n`).join('');
    const canonical = `POST\n/\n\n${headers}\n${signed.join(';')}\n${sha256(r.body)}`;
    const toSign = `TC3-HMAC-SHA256\n${ts}\n${date}/sms/tc3_request\n${sha256(canonical)}`;
    const k1 = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
    const k2 = createHmac('sha256', k1).update('sms').digest();
    const k3 = createHmac('sha256', k2).update('tc3_request').digest();
    if (createHmac('sha256', k3).update(toSign).digest('hex') !== auth[4]) return fail('AuthFailure.SignatureFailure');
    if (r.headers['x-tc-action'] !== 'SendSms' || r.headers['x-tc-version'] !== '2021-01-11') return fail('InvalidAction');
    const b = parse(r.body) as { PhoneNumberSet?: string[]; SmsSdkAppId?: string; TemplateId?: string };
    if (!b.PhoneNumberSet?.length || !b.SmsSdkAppId || !b.TemplateId) return fail('MissingParameter');
    accept();
    return { status: 200, json: { Response: { SendStatusSet: b.PhoneNumberSet.map((p) => ({ PhoneNumber: p, Code: 'Ok', Message: 'send success' })), RequestId: 'r' } } };
  });
}
