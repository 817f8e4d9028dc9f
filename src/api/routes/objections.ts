import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { openObjectionsOnDesk } from '../../app/public/objection-desk.js';
import { handleObjection, listObjections } from '../../app/public/objections.js';
import { setEvidencePublic } from '../../app/public/public-evidence.js';
import { ObjectionSchema, OpenObjectionsOfItemSchema } from '../../contracts/http/signatures.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { spec } from '../spec.js';

/** The supervisor's desk of objections (异议) to public notices: read them, answer or reopen; pictures shown in public. */
export function objectionRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    app.get(
      '/objections/open',
      spec(
        { scope: 'items:read', auth: 'session' },
        { tags: ['items'], summary: "待处理的公示异议 Items with open objections, for the supervisor's desk (texts stay on the item page)" },
        { 200: z.array(OpenObjectionsOfItemSchema) },
      ),
      async (request) => openObjectionsOnDesk(deps.app, principalOf(request).ref),
    );
    app.get(
      '/items/:id/objections',
      spec(
        { scope: 'items:read', auth: 'session' },
        { tags: ['items'], summary: '公示异议 Objections to the notice', params: z.object({ id: z.string().min(1).max(200) }) },
        { 200: z.array(ObjectionSchema) },
      ),
      async (request) => listObjections(deps.app, principalOf(request).ref, request.params.id),
    );
    app.post(
      '/items/:id/objections/:objectionId/handle',
      spec(
        { scope: 'items:read', auth: 'session', writes: true },
        {
          tags: ['items'],
          summary: '处理异议 Answer an objection, or reopen the item',
          params: z.object({ id: z.string().min(1).max(200), objectionId: z.string().min(1).max(200) }),
          body: z.object({ reply: z.string().min(1).max(2000), reopen: z.boolean().optional() }).strict(),
        },
        { 200: ObjectionSchema },
      ),
      async (request) => handleObjection(deps.app, principalOf(request).ref, request.params.id, request.params.objectionId, request.body),
    );
    app.put(
      '/evidence/:id/public',
      spec(
        { scope: 'evidence:write', auth: 'session', writes: true },
        {
          tags: ['evidence'],
          summary: '佐证材料公示 Show a picture on the public page, or stop showing it (supervisor; JPEG and PNG, metadata removed)',
          params: z.object({ id: z.string().min(1).max(200) }),
          body: z.object({ public: z.boolean() }).strict(),
        },
        { 200: z.object({ evidenceId: z.string(), public: z.boolean() }) },
      ),
      async (request) => setEvidencePublic(deps.app, principalOf(request).ref, deps.dataDir, request.params.id, request.body.public),
    );
    done();
  };
}
