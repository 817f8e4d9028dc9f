import { randomUUID } from 'node:crypto';
import type {} from '@fastify/multipart';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { AppError } from '../../app/errors.js';
import { importItems, type ImportResult } from '../../app/exchange/import.js';
import { IMPORT_LIMITS } from '../../app/exchange/read-sheet.js';
import { importTemplate } from '../../app/exchange/template.js';
import { IdParamSchema } from '../../contracts/http/common.js';
import { ImportJobSchema, ImportQuerySchema, ImportResultSchema, TemplateQuerySchema, type ImportJobView } from '../../contracts/http/exchange.js';
import { CodedError } from '../../domain/errors.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { langOf } from '../i18n.js';
import { spec } from '../spec.js';

/** Files above this size are imported in the background; the answer is a job to poll for progress. */
const BACKGROUND_BYTES = 64 * 1024;
/** How long a finished job's result stays to be read. */
const JOB_TTL_MS = 60 * 60 * 1000;

interface Job {
  view: ImportJobView;
  readonly userId: string;
  finishedAt: number | null;
}

const present = (r: ImportResult) => ({ ...r, errors: [...r.errors], rows: r.rows.map((x) => ({ ...x, changes: [...x.changes], actions: [...x.actions] })) });

/**
 * Excel import for supervisors (people only): GET /items/import/template, POST /items/import (multipart field
 * "file"; dryRun=true previews, dryRun=false commits), GET /items/import/jobs/:id for a background import.
 * Jobs live in the node that runs them (a client polls the node it posted to) and only their user reads them.
 */
export function importRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  const jobs = new Map<string, Job>();
  const sweep = () => {
    const now = Date.now();
    for (const [id, j] of jobs) if (j.finishedAt !== null && now - j.finishedAt > JOB_TTL_MS) jobs.delete(id);
  };
  return (app, _opts, done) => {
    app.get(
      '/items/import/template',
      spec({ scope: 'export' }, { tags: ['items'], summary: '导入模板 Import template of a ledger type (.xlsx)', querystring: TemplateQuerySchema }),
      async (request, reply) => {
        const file = await importTemplate(deps.app, principalOf(request).ref, request.query.ledger, request.query.lang ?? langOf(request));
        reply
          .header('cache-control', 'private, no-store')
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
        return file.body;
      },
    );

    app.post(
      '/items/import',
      spec(
        { auth: 'session', writes: true },
        { tags: ['items'], summary: '导入事项 Import a sheet: dry run (preview) or commit (multipart, field "file")', querystring: ImportQuerySchema },
        { 200: ImportResultSchema, 202: ImportJobSchema },
      ),
      async (request, reply) => {
        if (!request.isMultipart()) throw new AppError('import_unreadable', 'Send the file as multipart/form-data.', '请以 multipart/form-data 上传文件。');
        let bytes: Buffer;
        try {
          const file = await request.file({ limits: { fileSize: IMPORT_LIMITS.maxFileBytes, files: 1, fields: 5, parts: 6 } });
          if (!file) throw new AppError('import_unreadable', 'No file in the upload.', '上传内容中没有文件。');
          bytes = await file.toBuffer();
        } catch (e) {
          if (e instanceof AppError) throw e;
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('import_too_large', 'The file is too large.', '文件过大。');
          throw new AppError('import_unreadable', 'The upload is not well-formed multipart.', '上传内容格式有误。');
        }
        const p = principalOf(request);
        const { ledger, dryRun, mode, background } = request.query;
        if (!background && bytes.length <= BACKGROUND_BYTES) return present(await importItems(deps.app, p.ref, bytes, { ledgerType: ledger, dryRun, mode }));
        sweep();
        const id = randomUUID();
        const job: Job = { view: { id, state: 'running', phase: 'check', done: 0, total: 0, result: null, error: null }, userId: p.user.id, finishedAt: null };
        jobs.set(id, job);
        const onProgress = (n: number, total: number, phase: 'check' | 'write') => Object.assign(job.view, { done: n, total, phase });
        importItems(deps.app, p.ref, bytes, { ledgerType: ledger, dryRun, mode, onProgress })
          .then(
            (result) => Object.assign(job.view, { state: 'done', result: present(result) }),
            (e: unknown) => {
              const coded = e instanceof CodedError ? e : null;
              if (!coded) request.log.error({ err: e }, 'background import failed');
              Object.assign(job.view, {
                state: 'failed',
                error: { code: coded?.code ?? 'internal', message: coded?.messageZh ?? '导入失败', messageEn: coded?.message ?? 'The import failed' },
              });
            },
          )
          .finally(() => (job.finishedAt = Date.now()));
        reply.code(202).header('location', `/api/v1/items/import/jobs/${id}`);
        return job.view;
      },
    );

    app.get(
      '/items/import/jobs/:id',
      spec({ auth: 'session' }, { tags: ['items'], summary: '导入进度 Progress and result of a background import', params: IdParamSchema }, { 200: ImportJobSchema }),
      (request, reply) => {
        const job = jobs.get(request.params.id);
        if (!job || job.userId !== principalOf(request).user.id) throw new AppError('invalid_input', 'No such import job of yours.', '没有该导入任务。');
        return reply.send(job.view);
      },
    );
    done();
  };
}
