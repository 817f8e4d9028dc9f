import type {} from '@fastify/multipart';
import type { z } from 'zod';
import { AccountError } from '../../app/accounts/errors.js';
import { AppError } from '../../app/errors.js';
import { ingestCountFile, ingestCountRows, ingestCounts, MAX_COUNT_FILE_BYTES, type IngestReport } from '../../app/signals/index.js';
import { unitLookup } from '../../app/signals/units.js';
import { CountFileQuerySchema, CountsBodySchema, CountsQuerySchema, IngestReportSchema } from '../../contracts/http/signals.js';
import { parseSeriesCsv } from '../../signals/index.js';
import { principalOf, type Principal } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { HttpProblem } from '../problem.js';
import { spec } from '../spec.js';
import type { ZodApp } from './signals.js';
import type { FastifyRequest } from 'fastify';

/** Largest count upload (a city's weekly series over ten years is a few MiB). */
export const MAX_COUNTS_BYTES = 16 * 1024 * 1024;
/** Errors carried in a refusal; the count of all is given beside them. */
const MAX_ERRORS_SHOWN = 1000;

const mediaType = (header: string | undefined): string => (header ?? '').split(';')[0]!.trim().toLowerCase();
const charsetOf = (header: string | undefined): string | null => /;\s*charset\s*=\s*"?([\w-]+)"?/i.exec(header ?? '')?.[1]?.toLowerCase() ?? null;

/**
 * Decodes a CSV body: UTF-8, or GB18030 when the charset says so (gb18030, gbk, gb2312) or, without a
 * charset, when the bytes are not UTF-8 (Excel in a Chinese locale saves GB18030).
 * @throws HttpProblem 415 for another charset, 400 for bytes that are not UTF-8 when UTF-8 was declared.
 */
export function decodeCsv(bytes: Uint8Array, contentType: string | undefined): string {
  const charset = charsetOf(contentType);
  if (charset === 'gb18030' || charset === 'gbk' || charset === 'gb2312') return new TextDecoder('gb18030').decode(bytes);
  if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') throw new HttpProblem('unsupported_media_type', 415, { charset });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (charset !== null) throw new HttpProblem('bad_request', 400, { reason: 'not valid UTF-8' });
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * An API token bound to a unit writes counts only for regions in that unit's subtree; a row naming another
 * region refuses the whole request (rows naming unknown units are left to the row report).
 * @throws AccountError `token_scope_forbidden` with the offending lines.
 */
async function checkTokenRegions(deps: ApiDeps, p: Principal, rows: readonly { line: number; region: string }[]): Promise<void> {
  if (p.kind !== 'token') return;
  const read = deps.app.store.read;
  const [units, allowed] = await Promise.all([read.units.list(deps.tenantId), read.units.subtreeIds(deps.tenantId, p.token.unitId)]);
  const within = new Set(allowed);
  const find = unitLookup(units);
  const outside = rows.filter((r) => {
    const hit = find(r.region);
    return hit.ok && !within.has(hit.unit.id);
  });
  if (outside.length > 0) {
    throw new AccountError(
      'token_scope_forbidden',
      `This token may not write counts for regions outside its unit (rows ${outside
        .slice(0, 20)
        .map((r) => r.line)
        .join(', ')}).`,
      `该令牌不能写入本单位以外地区的计数（第 ${outside
        .slice(0, 20)
        .map((r) => r.line)
        .join('、')} 行）。`,
      { lines: outside.slice(0, 100).map((r) => r.line), count: outside.length },
    );
  }
}

function refusal(report: IngestReport): AppError {
  return new AppError(
    'invalid_input',
    `${report.invalid} row(s) have errors, so nothing was written; fix them, or send skipInvalid to write the ${report.valid} valid row(s).`,
    `有 ${report.invalid} 行数据有误，未写入任何数据；请改正，或设置 skipInvalid 只写入 ${report.valid} 行有效数据。`,
    { ...report, errors: report.errors.slice(0, MAX_ERRORS_SHOWN), errorCount: report.errors.length },
  );
}

interface Flags {
  readonly skipInvalid?: boolean;
  readonly dryRun?: boolean;
}

async function ingest(deps: ApiDeps, p: Principal, contentType: string | undefined, body: z.infer<typeof CountsBodySchema>, flags: Flags): Promise<IngestReport> {
  if (typeof body === 'string') {
    if (mediaType(contentType) !== 'text/csv') throw new HttpProblem('unsupported_media_type', 415, { accepted: ['application/json', 'text/csv'] });
    await checkTokenRegions(deps, p, parseSeriesCsv(body).rows);
    return ingestCounts(deps.app, p.ref, body, flags);
  }
  await checkTokenRegions(
    deps,
    p,
    body.rows.map((r, i) => ({ line: i + 1, region: r.region })),
  );
  return ingestCountRows(deps.app, p.ref, body.rows, { ...flags, skipInvalid: body.skipInvalid ?? flags.skipInvalid });
}

/** The file of a multipart upload (field "file"). @throws AppError `import_unreadable`, `import_too_large`. */
async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('import_unreadable', 'Send the file as multipart/form-data.', '请以 multipart/form-data 上传文件。');
  try {
    const file = await request.file({ limits: { fileSize: MAX_COUNT_FILE_BYTES, files: 1, fields: 5, parts: 6 } });
    if (!file) throw new AppError('import_unreadable', 'No file in the upload.', '上传内容中没有文件。');
    return await file.toBuffer();
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('import_too_large', 'The file is too large.', '文件过大。');
    throw new AppError('import_unreadable', 'The upload is not well-formed multipart.', '上传内容格式有误。');
  }
}

/**
 * POST /signals/counts: aggregate counts as JSON rows or a CSV file (text/csv), one transaction, with the
 * row report. A body with errors writes nothing (400 problem+json carrying the report) unless skipInvalid.
 */
export function registerCountsRoute(app: ZodApp, deps: ApiDeps): void {
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MAX_COUNTS_BYTES }, (request, body, done) => {
    try {
      done(null, decodeCsv(body as Buffer, request.headers['content-type']));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.post(
    '/signals/counts',
    {
      ...spec(
        { scope: 'signals:ingest', writes: true },
        { tags: ['signals'], summary: '导入监测计数 Import counts (JSON rows or text/csv) with a row report', body: CountsBodySchema, querystring: CountsQuerySchema },
        { 200: IngestReportSchema },
      ),
      bodyLimit: MAX_COUNTS_BYTES,
    },
    async (request) => {
      const report = await ingest(deps, principalOf(request), request.headers['content-type'], request.body, request.query);
      if (!request.query.dryRun && !report.committed && report.errors.length > 0) throw refusal(report);
      return report;
    },
  );
  app.post(
    '/signals/counts/file',
    spec(
      // A person's upload from the web; integrations send rows or CSV to /signals/counts.
      { auth: 'session', writes: true },
      {
        tags: ['signals'],
        summary: '上传监测计数文件 Upload counts as a CSV or .xlsx file (multipart, field "file"): dryRun previews the row report, then commit',
        querystring: CountFileQuerySchema,
      },
      { 200: IngestReportSchema },
    ),
    async (request) => {
      const bytes = await uploadedFile(request);
      const report = await ingestCountFile(deps.app, principalOf(request).ref, bytes, request.query);
      if (!request.query.dryRun && !report.committed && report.errors.length > 0) throw refusal(report);
      return report;
    },
  );
}
