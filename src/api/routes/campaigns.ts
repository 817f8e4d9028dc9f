import type {} from '@fastify/multipart';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { createCampaign } from '../../app/campaigns/create.js';
import { campaignProgress } from '../../app/campaigns/progress.js';
import { AppError } from '../../app/errors.js';
import { requireInNarrowScope } from '../../app/search/search-items.js';
import { IMPORT_LIMITS } from '../../app/exchange/read-sheet.js';
import { CampaignProgressSchema, CampaignQuerySchema, CampaignResultSchema } from '../../contracts/http/campaigns.js';
import { IdParamSchema } from '../../contracts/http/common.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { spec } from '../spec.js';
import { narrowOf } from './items.js';

/**
 * 一校一方案: POST /campaigns (multipart field "file": the list, .xlsx or CSV) creates a campaign and one plan per
 * entity, all or nothing (422 with the refused rows, nothing written); GET /campaigns/:id/progress rolls it up.
 */
export function campaignRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    app.post(
      '/campaigns',
      spec(
        { auth: 'session', writes: true },
        { tags: ['items'], summary: '一校一方案 Campaign from a list: one plan per entity (multipart, field "file")', querystring: CampaignQuerySchema },
        { 201: CampaignResultSchema, 422: CampaignResultSchema },
      ),
      async (request, reply) => {
        if (!request.isMultipart()) throw new AppError('import_unreadable', 'Send the list as multipart/form-data.', '请以 multipart/form-data 上传名单。');
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
        const q = request.query;
        const r = await createCampaign(deps.app, principalOf(request).ref, {
          ledgerType: q.ledger,
          title: q.title,
          content: q.content,
          list: bytes,
          leadUnit: q.lead,
          deadline: q.deadline,
          parentId: q.parent,
        });
        return reply.code(r.errors.length ? 422 : 201).send({ parent: r.parent, created: [...r.created], errors: [...r.errors] });
      },
    );

    app.get(
      '/campaigns/:id/progress',
      spec(
        { scope: 'items:read' },
        { tags: ['items'], summary: '专项进度 Roll-up of a campaign by state, light and district', params: IdParamSchema },
        { 200: CampaignProgressSchema },
      ),
      async (request) => {
        const principal = principalOf(request);
        // A token bound to a unit reads only campaigns inside its subtree, as it does items.
        await requireInNarrowScope(deps.app, principal.ref, request.params.id, narrowOf(principal));
        const p = await campaignProgress(deps.app, principal.ref, request.params.id);
        return { parent: p.parent, all: p.all, districts: [...p.districts] };
      },
    );
    done();
  };
}
