import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { confirmReadoutDraft, discardReadoutDraft, editReadoutDraft, importReadout, listReadoutDrafts, showReadoutDraft } from '../../app/readouts/readouts.js';
import { DomainError } from '../../domain/errors.js';
import { IdParamSchema } from '../../contracts/http/common.js';
import {
  ReadoutConfirmBodySchema,
  ReadoutConfirmedSchema,
  ReadoutDiscardBodySchema,
  ReadoutDraftListSchema,
  ReadoutDraftSchema,
  ReadoutDraftSummarySchema,
  ReadoutEditBodySchema,
  ReadoutTextBodySchema,
} from '../../contracts/http/readouts.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { spec } from '../spec.js';
import { clientGone } from '../client-gone.js';
import { HttpProblem } from '../problem.js';

/** Largest readout file accepted by upload (the extractor refuses larger texts itself). */
const MAX_READOUT_BYTES = 10 * 1024 * 1024;

/**
 * The one file of a multipart upload; a body that is not well-formed multipart (cut short, no closing
 * boundary) is a 400, never the parser's raw error as a 500. Size and count limits keep their 413.
 */
async function readReadoutUpload(request: FastifyRequest): Promise<{ file: MultipartFile; bytes: Buffer }> {
  let file: MultipartFile | undefined;
  try {
    file = await request.file({ limits: { fileSize: MAX_READOUT_BYTES, files: 1, fields: 5, parts: 6 } });
    if (!file) throw new DomainError('readout_empty', 'No file in the upload.', '上传内容中没有文件。');
    return { file, bytes: await file.toBuffer() };
  } catch (e) {
    if (e instanceof DomainError || String((e as { code?: unknown }).code ?? '').startsWith('FST_')) throw e;
    throw new HttpProblem('bad_request', 400);
  }
}

/**
 * Readout import for supervisors: POST /readouts (pasted text) or /readouts/upload (.txt/.docx/.xlsx/.pdf, multipart
 * field "file") → a draft; GET /readouts/:id; POST /readouts/:id/edits (all or none, optional expected version);
 * POST /readouts/:id/confirm → items, assigned at once with `assign`; GET /readouts: 导入记录, the caller's own
 * drafts; POST /readouts/:id/discard sets an open draft aside. People only (session), like every draft.
 */
export function readoutRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    const s = { auth: 'session' as const, writes: true };
    app.post(
      '/readouts',
      spec(s, { tags: ['readouts'], summary: '导入会议通稿（粘贴文本）Import a pasted readout', body: ReadoutTextBodySchema }, { 201: ReadoutDraftSchema }),
      async (request, reply) => {
        const b = request.body;
        const draft = await importReadout(deps.app, principalOf(request).ref, {
          bytes: new TextEncoder().encode(b.text),
          fileName: b.fileName ?? null,
          meetingDate: b.meetingDate ?? null,
        });
        reply.code(201).header('location', `/api/v1/readouts/${encodeURIComponent(draft.id)}`);
        return draft;
      },
    );

    app.post(
      '/readouts/upload',
      spec(s, { tags: ['readouts'], summary: '导入会议通稿（上传 .txt/.docx/.xlsx/.pdf）Upload a readout or task table (multipart, field "file")' }, { 201: ReadoutDraftSchema }),
      async (request, reply) => {
        if (!request.isMultipart()) throw new DomainError('readout_unsupported_format', 'Send the file as multipart/form-data.', '请以 multipart/form-data 上传文件。');
        const { file, bytes } = await readReadoutUpload(request);
        const date = (file.fields.meetingDate as { value?: unknown } | undefined)?.value;
        const meetingDate = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
        const draft = await importReadout(deps.app, principalOf(request).ref, { bytes, fileName: file.filename.slice(0, 200), meetingDate, signal: clientGone(reply) });
        reply.code(201).header('location', `/api/v1/readouts/${encodeURIComponent(draft.id)}`);
        return draft;
      },
    );

    app.get(
      '/readouts',
      spec({ auth: 'session' }, { tags: ['readouts'], summary: '导入记录：本人的会议通稿草稿 My readout drafts, newest first' }, { 200: ReadoutDraftListSchema }),
      async (request) => ({
        drafts: await listReadoutDrafts(deps.app, principalOf(request).ref),
      }),
    );

    app.post(
      '/readouts/:id/discard',
      spec(s, { tags: ['readouts'], summary: '放弃草稿 Discard an open draft', params: IdParamSchema, body: ReadoutDiscardBodySchema }, { 200: ReadoutDraftSummarySchema }),
      async (request) => discardReadoutDraft(deps.app, principalOf(request).ref, request.params.id, request.body.version),
    );

    app.get(
      '/readouts/:id',
      spec({ auth: 'session' }, { tags: ['readouts'], summary: '会议通稿草稿 A readout draft with its text', params: IdParamSchema }, { 200: ReadoutDraftSchema }),
      async (request) => showReadoutDraft(deps.app, principalOf(request).ref, request.params.id),
    );

    app.post(
      '/readouts/:id/edits',
      spec(
        s,
        { tags: ['readouts'], summary: '修改草稿 Edit a draft (keep/drop, set, merge, split)', params: IdParamSchema, body: ReadoutEditBodySchema },
        { 200: ReadoutDraftSchema },
      ),
      async (request) => editReadoutDraft(deps.app, principalOf(request).ref, request.params.id, request.body.edits, request.body.version),
    );

    app.post(
      '/readouts/:id/confirm',
      spec(
        s,
        { tags: ['readouts'], summary: '确认生成事项 Confirm: create (and assign) the items', params: IdParamSchema, body: ReadoutConfirmBodySchema },
        { 200: ReadoutConfirmedSchema },
      ),
      async (request) => confirmReadoutDraft(deps.app, principalOf(request).ref, request.params.id, { assign: request.body.assign }),
    );
    done();
  };
}
