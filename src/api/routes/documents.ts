import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createBulletin, editBulletin, issueBulletin, listBulletins, showBulletin } from '../../app/documents/bulletin.js';
import { issueItemDocument, itemDocuments, renderDocument } from '../../app/documents/item-documents.js';
import { IdParamSchema } from '../../contracts/http/common.js';
import {
  BulletinCreateBodySchema,
  BulletinEditBodySchema,
  BulletinIssueBodySchema,
  DocumentFileQuerySchema,
  DocumentViewSchema,
  IssueDocumentBodySchema,
} from '../../contracts/http/documents.js';
import type { OfficialDocument } from '../../store/index.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { spec } from '../spec.js';
import { requireInNarrowScope } from '../../app/search/search-items.js';
import { narrowOf } from './items.js';

const view = (d: OfficialDocument, withData = false) => ({
  id: d.id,
  kind: d.kind,
  number: d.number,
  title: d.title,
  status: d.status,
  version: d.version,
  itemId: d.itemId,
  createdAt: d.createdAt,
  issuedAt: d.issuedAt,
  ...(withData ? { data: d.data } : {}),
});

/**
 * 文书 and 通报: GET/POST /items/:id/documents (list; issue a notice, urge or letter), GET /documents/:id/file
 * (.docx or PDF), and for supervisors POST /bulletins, GET /bulletins/:id, PATCH /bulletins/:id (draft
 * paragraphs), POST /bulletins/:id/issue.
 */
export function documentRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    app.get(
      '/items/:id/documents',
      spec(
        { scope: 'items:read' },
        { tags: ['documents'], summary: '事项文书 Documents of an item', params: IdParamSchema },
        { 200: z.object({ documents: z.array(DocumentViewSchema) }) },
      ),
      async (request) => {
        const p = principalOf(request);
        await requireInNarrowScope(deps.app, p.ref, request.params.id, narrowOf(p));
        return { documents: (await itemDocuments(deps.app, p.ref, request.params.id)).map((d) => view(d)) };
      },
    );

    app.post(
      '/items/:id/documents',
      spec(
        { auth: 'session', writes: true },
        { tags: ['documents'], summary: '发文 Issue a 督办通知单, 催办通知 or 督办函', params: IdParamSchema, body: IssueDocumentBodySchema },
        { 201: DocumentViewSchema },
      ),
      async (request, reply) => {
        const d = await issueItemDocument(deps.app, principalOf(request).ref, request.params.id, request.body.kind);
        reply.code(201).header('location', `/api/v1/documents/${encodeURIComponent(d.id)}/file`);
        return view(d);
      },
    );

    app.get(
      '/documents/:id/file',
      spec({ scope: 'items:read' }, { tags: ['documents'], summary: '下载文书 Download a document (.docx or PDF)', params: IdParamSchema, querystring: DocumentFileQuerySchema }),
      async (request, reply) => {
        const p = principalOf(request);
        const file = await renderDocument(deps.app, p.ref, request.params.id, request.query.format);
        reply
          .header('cache-control', 'private, no-store')
          .header('content-type', file.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
        return file.body;
      },
    );

    const s = { auth: 'session' as const, writes: true };
    app.post(
      '/bulletins',
      spec(s, { tags: ['documents'], summary: '起草通报 Draft the bulletin of a period', body: BulletinCreateBodySchema }, { 201: DocumentViewSchema }),
      async (request, reply) => {
        const d = await createBulletin(deps.app, principalOf(request).ref, request.body);
        reply.code(201);
        return view(d, true);
      },
    );
    app.get(
      '/bulletins',
      spec({ auth: 'session' }, { tags: ['documents'], summary: '通报列表 Bulletins, newest first' }, { 200: z.object({ bulletins: z.array(DocumentViewSchema) }) }),
      async (request) => ({
        bulletins: (await listBulletins(deps.app, principalOf(request).ref)).map((d) => view(d)),
      }),
    );
    app.get(
      '/bulletins/:id',
      spec({ auth: 'session' }, { tags: ['documents'], summary: '通报 One bulletin with its figures and paragraphs', params: IdParamSchema }, { 200: DocumentViewSchema }),
      async (request) => view(await showBulletin(deps.app, principalOf(request).ref, request.params.id), true),
    );
    app.patch(
      '/bulletins/:id',
      spec(s, { tags: ['documents'], summary: '编辑通报 Edit a draft bulletin', params: IdParamSchema, body: BulletinEditBodySchema }, { 200: DocumentViewSchema }),
      async (request) => {
        const { version, ...patch } = request.body;
        return view(await editBulletin(deps.app, principalOf(request).ref, request.params.id, patch, version), true);
      },
    );
    app.post(
      '/bulletins/:id/issue',
      spec(
        s,
        {
          tags: ['documents'],
          summary: '印发通报 Issue a bulletin (frozen, on the chain, signed with SM2 when the issuer has a key)',
          params: IdParamSchema,
          body: BulletinIssueBodySchema.nullable(),
        },
        { 200: DocumentViewSchema },
      ),
      async (request) => {
        const passphrase = request.body?.passphrase;
        return view(await issueBulletin(deps.app, principalOf(request).ref, request.params.id, passphrase === undefined ? {} : { passphrase }), true);
      },
    );
    done();
  };
}
