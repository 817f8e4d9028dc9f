import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../problem.js';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountError } from '../../app/accounts/errors.js';
import { listEvidence, readEvidence, uploadEvidence, DEFAULT_MAX_EVIDENCE_BYTES } from '../../app/evidence/evidence.js';
import { readWithdrawnEvidence, withdrawEvidence } from '../../app/evidence/withdraw.js';
import { EVIDENCE_PREVIEW_TYPES, EvidenceLimitsSchema, EvidenceWithdrawalSchema, EvidenceWithdrawSchema } from '../../contracts/http/evidence.js';
import { requireInNarrowScope } from '../../app/search/search-items.js';
import { IdParamSchema } from '../../contracts/http/common.js';
import { EvidenceViewSchema } from '../../contracts/http/items.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { presentEvidence } from '../presenters.js';
import { spec } from '../spec.js';
import { clientGone } from '../client-gone.js';
import { sendStoredFile } from '../send-file.js';
import { narrowOf } from './items.js';

/**
 * The one file of a multipart upload. A body that is not well-formed multipart (cut short, a boundary that
 * never comes) is the client's fault: 400, not the parser's raw error as a 500. Size and count limits keep
 * their own codes (413).
 */
async function readUpload(request: FastifyRequest, maxBytes: number) {
  try {
    const file = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
    if (!file) throw new AccountError('evidence_type_not_allowed', 'No file in the upload.', '上传内容中没有文件。');
    return { file, bytes: await file.toBuffer() };
  } catch (e) {
    if (e instanceof AccountError || (typeof (e as { code?: unknown }).code === 'string' && String((e as { code: string }).code).startsWith('FST_'))) throw e;
    throw new HttpProblem('bad_request', 400);
  }
}

/** Evidence files: multipart upload (type and size checked on the bytes), list, download with authorization. */
export function evidenceRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  const maxBytes = deps.limits?.evidenceBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
  return (app, _opts, done) => {
    app.post(
      '/items/:id/evidence',
      spec(
        { scope: 'evidence:write', writes: true },
        { tags: ['evidence'], summary: '上传佐证材料 Upload evidence (multipart, field "file")', params: IdParamSchema },
        { 201: EvidenceViewSchema },
      ),
      async (request, reply) => {
        const p = principalOf(request);
        await requireInNarrowScope(deps.app, p.ref, request.params.id, narrowOf(p));
        if (!request.isMultipart()) throw new AccountError('evidence_type_not_allowed', 'Send the file as multipart/form-data.', '请以 multipart/form-data 上传文件。');
        const { file, bytes } = await readUpload(request, maxBytes);
        const e = await uploadEvidence(deps.app, p.ref, deps.dataDir, request.params.id, { fileName: file.filename, bytes }, maxBytes, clientGone(reply));
        reply.code(201).header('location', `/api/v1/evidence/${encodeURIComponent(e.id)}`);
        return presentEvidence(e);
      },
    );

    app.get(
      '/items/:id/evidence',
      spec({ scope: 'evidence:read' }, { tags: ['evidence'], summary: '佐证材料列表 Evidence of an item', params: IdParamSchema }, { 200: z.array(EvidenceViewSchema) }),
      async (request) => {
        const p = principalOf(request);
        await requireInNarrowScope(deps.app, p.ref, request.params.id, narrowOf(p));
        return (await listEvidence(deps.app, p.ref, request.params.id)).map(presentEvidence);
      },
    );

    app.get('/evidence/:id', spec({ scope: 'evidence:read' }, { tags: ['evidence'], summary: '下载佐证材料 Download evidence', params: IdParamSchema }), async (request, reply) => {
      const p = principalOf(request);
      const { evidence, bytes, item } = await readEvidence(deps.app, p.ref, deps.dataDir, request.params.id);
      await requireInNarrowScope(deps.app, p.ref, item.id, narrowOf(p)).catch(() => {
        throw new AccountError('evidence_not_found', `No file ${request.params.id} that you may see.`, `未找到文件 ${request.params.id}(或无权查看)。`);
      });
      return sendStoredFile(reply, evidence, bytes);
    });

    app.post(
      '/evidence/:id/withdraw',
      spec(
        { scope: 'evidence:write', writes: true },
        {
          tags: ['evidence'],
          summary: '撤回佐证材料 Withdraw a file (its uploader, while the item is open and nothing cites it; kept for the auditor)',
          params: IdParamSchema,
          body: EvidenceWithdrawSchema.optional(),
        },
        { 200: EvidenceWithdrawalSchema },
      ),
      async (request) => {
        const p = principalOf(request);
        return withdrawEvidence(deps.app, p.ref, request.params.id, request.body?.reason, narrowOf(p));
      },
    );

    app.get(
      '/evidence-limits',
      spec({ scope: 'evidence:read' }, { tags: ['evidence'], summary: '上传限制 What an upload may be (largest size, types shown inline)' }, { 200: EvidenceLimitsSchema }),
      () => ({ maxBytes, previewTypes: [...EVIDENCE_PREVIEW_TYPES] }),
    );

    app.get(
      '/audit/evidence/:id',
      spec({ auth: 'session' }, { tags: ['audit'], summary: '调阅已撤回的佐证材料（审计管理员）A withdrawn file, for the auditor (the read is recorded)', params: IdParamSchema }),
      async (request, reply) => {
        const { evidence, bytes } = await readWithdrawnEvidence(deps.app, principalOf(request).ref, deps.dataDir, request.params.id);
        return sendStoredFile(reply, evidence, bytes);
      },
    );
    done();
  };
}
