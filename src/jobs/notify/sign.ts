import { createHash, createHmac } from 'node:crypto';

/*
 * Request signing as the vendors document it. Pure functions of their inputs (time and nonce passed in), so the
 * local fakes of the tests check a request the way the vendor does, from what arrives on the wire.
 */

const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string): Buffer => createHmac('sha256', key).update(s, 'utf8').digest();

/**
 * 钉钉自定义机器人 加签: sign = Base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), URL-encoded, with the
 * timestamp in milliseconds, both appended to the robot's webhook URL.
 */
export function dingtalkRobotSign(secret: string, timestampMs: number): string {
  return hmac(secret, `${timestampMs}\n${secret}`).toString('base64');
}

/** RFC 3986 encoding as 阿里云 V3 wants it: space %20, `*` %2A, `~` kept. */
export const acsEncode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The canonical query string of 阿里云 V3: parameters encoded, sorted by name, `k=v` joined with `&`. */
export const acsQuery = (params: Readonly<Record<string, string>>): string =>
  Object.keys(params)
    .sort()
    .map((k) => `${acsEncode(k)}=${acsEncode(params[k]!)}`)
    .join('&');

/**
 * 阿里云 V3 request signature (ACS3-HMAC-SHA256): CanonicalRequest = method, URI, canonical query, canonical
 * headers (host, x-acs-* and content-type, lower-case, sorted, `name:value\n`), signed header names, hex
 * SHA-256 of the body; StringToSign = `ACS3-HMAC-SHA256\n` + hex SHA-256 of it; the signature is hex
 * HMAC-SHA256 with the AccessKey secret. Returns the Authorization header value.
 */
export function acs3Authorization(o: {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}): string {
  const signed = Object.keys(o.headers)
    .map((h) => h.toLowerCase())
    .filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-'))
    .sort();
  const value = (name: string) => String(Object.entries(o.headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? '').trim();
  const canonicalHeaders = signed.map((h) => `${h}:${value(h)}\n`).join('');
  const canonical = [o.method.toUpperCase(), o.path || '/', acsQuery(o.query), canonicalHeaders, signed.join(';'), sha256Hex(o.body)].join('\n');
  const signature = hmac(o.accessKeySecret, `ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`).toString('hex');
  return `ACS3-HMAC-SHA256 Credential=${o.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
}

export const bodySha256 = sha256Hex;

/**
 * 腾讯云 API 3.0 signature (TC3-HMAC-SHA256) of a POST with a JSON body, signing content-type, host and
 * x-tc-action: CanonicalRequest = POST, /, empty query, canonical headers (values lower-cased for the action),
 * signed headers, hex SHA-256 of the body; StringToSign = algorithm, timestamp, credential scope
 * (`date/service/tc3_request`, date the UTC day of the timestamp), hex SHA-256 of the canonical request; the key
 * derived HMAC("TC3"+SecretKey, date) → service → "tc3_request". Returns the Authorization header value.
 */
export function tc3Authorization(o: {
  readonly service: string;
  readonly host: string;
  readonly action: string;
  readonly contentType: string;
  readonly body: string;
  readonly timestamp: number;
  readonly secretId: string;
  readonly secretKey: string;
}): string {
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders = `content-type:${o.contentType}\nhost:${o.host}\nx-tc-action:${o.action.toLowerCase()}\n`;
  const canonical = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(o.body)].join('\n');
  const scope = `${date}/${o.service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${o.secretKey}`, date), o.service), 'tc3_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
