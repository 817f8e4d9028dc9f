import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorClass, isCodedError } from '../contracts/errors.js';
import { langOf } from './i18n.js';

/** Texts of the errors the HTTP layer raises itself (the use cases bring their own). */
const TEXTS: Record<string, [string, string]> = {
  bad_request: ['The request is malformed.', '请求格式有误。'],
  validation_failed: ['The request does not match the schema.', '请求内容不符合要求。'],
  payload_too_large: ['The request body is too large.', '请求内容过大。'],
  unsupported_media_type: ['This content type is not accepted here.', '不支持该内容类型。'],
  route_not_found: ['No such endpoint.', '接口不存在。'],
  method_not_allowed: ['This method is not allowed here.', '不允许该请求方法。'],
  rate_limited: ['Too many requests: slow down and retry later.', '请求过于频繁，请稍后再试。'],
  precondition_failed: ['If-Match does not match the current version.', 'If-Match 与当前版本不符。'],
  invalid_unicode: ['The text holds an invalid character (a lone UTF-16 surrogate).', '文本中含有无效字符（不成对的 UTF-16 代理项）。'],
  internal_error: ['Something went wrong on the server; the request id identifies it in the logs.', '服务器内部错误；可凭请求编号在日志中查询。'],
};

export class HttpProblem extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

interface Problem {
  code: string;
  status: number;
  en: string;
  zh: string;
  details?: Readonly<Record<string, unknown>>;
}

function fromFastify(err: FastifyError): Problem | null {
  const text = (code: string, status: number, details?: Record<string, unknown>): Problem => ({ code, status, en: TEXTS[code]![0], zh: TEXTS[code]![1], details });
  if (err.validation) {
    const issues = err.validation
      .slice(0, 20)
      .map((v) => ({ path: v.instancePath || String((v.params as { issue?: { path?: unknown } })?.issue?.path ?? ''), message: v.message ?? '' }));
    return text('validation_failed', 400, { where: err.validationContext, issues });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return text('payload_too_large', 413);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return text('unsupported_media_type', 415);
    default:
  }
  if (err.statusCode === 429) return text('rate_limited', 429);
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) return text('bad_request', err.statusCode === 404 ? 400 : err.statusCode);
  if (err instanceof SyntaxError) return text('bad_request', 400);
  return null;
}

function toProblem(err: unknown, request: FastifyRequest): Problem | null {
  if (err instanceof HttpProblem) {
    const [en, zh] = TEXTS[err.code] ?? [err.code, err.code];
    return { code: err.code, status: err.status, en, zh, details: err.details };
  }
  if (isCodedError(err)) {
    let status = errorClass(err.code).status;
    // A stale write: 412 when the client said which version it expected (If-Match), else 409.
    if (err.code === 'version_conflict' && request.headers['if-match'] !== undefined) status = 412;
    return { code: err.code, status, en: err.message, zh: err.messageZh, details: err.details };
  }
  return fromFastify(err as FastifyError);
}

/** Sends a problem+json answer in the request's language. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: Problem): FastifyReply {
  const zh = langOf(request) === 'zh';
  // A refusal that passes (a busy parser pool) says when to come back.
  const retry = p.details?.retryAfterSeconds;
  if (typeof retry === 'number') reply.header('retry-after', String(retry));
  return reply
    .code(p.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', zh ? 'zh-CN' : 'en')
    .send({
      type: `urn:luoshi:error:${p.code}`,
      title: zh ? p.zh : p.en,
      status: p.status,
      code: p.code,
      detail: zh ? p.zh : p.en,
      requestId: request.id,
      ...(p.details ? { details: p.details } : {}),
    });
}

/**
 * The one error handler: coded errors of the domain, store and app map through the table of
 * src/contracts/errors.ts; validation and protocol errors become 4xx; anything else is a 500 with a generic
 * text and the request id (the stack goes to the log only, never to the client).
 */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const p = toProblem(err, request);
    if (p && p.status < 500) {
      request.log.info({ code: p.code, status: p.status }, 'request refused');
      return sendProblem(reply, request, p);
    }
    request.log.error({ err }, 'request failed');
    const code = p?.code ?? 'internal_error';
    const status = p?.status ?? 500;
    const [en, zh] = p && p.code !== 'internal_error' ? [p.en, p.zh] : TEXTS.internal_error!;
    // Of a server-side refusal only its retry time leaves the server (a busy parser pool: 503 + Retry-After).
    const retryAfterSeconds = p?.details?.retryAfterSeconds;
    return sendProblem(reply, request, { code, status, en, zh, ...(typeof retryAfterSeconds === 'number' ? { details: { retryAfterSeconds } } : {}) });
  });
  app.setNotFoundHandler((request, reply) => {
    const [en, zh] = TEXTS.route_not_found!;
    return sendProblem(reply, request, { code: 'route_not_found', status: 404, en, zh });
  });
}
