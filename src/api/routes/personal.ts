import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { AccountError } from '../../app/accounts/errors.js';
import { erasePersonal } from '../../app/personal-erase.js';
import { revealPersonal } from '../../app/personal-read.js';
import { IdParamSchema } from '../../contracts/http/common.js';
import { ErasedSchema, PersonalFieldsSchema, PersonalReasonBodySchema } from '../../contracts/http/personal.js';
import { principalOf, type Principal } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { spec } from '../spec.js';

/** Personal information is for people handling the case, never for integrations. */
function requireSession(p: Principal): void {
  if (p.kind !== 'session') {
    throw new AccountError('token_scope_forbidden', 'API tokens never read or erase personal information.', 'API 令牌不能查看或删除个人信息。');
  }
}

/**
 * POST /items/:id/personal (reveal, with a reason; the read is recorded in the chain) and
 * POST /items/:id/personal/erase (destroy the case key). Lists, exports and item pages stay masked.
 */
export function personalRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    app.post(
      '/items/:id/personal',
      spec(
        { scope: 'items:read', writes: true },
        { tags: ['items'], summary: '查看当事人信息(留痕) Reveal personal information', params: IdParamSchema, body: PersonalReasonBodySchema },
        { 200: PersonalFieldsSchema },
      ),
      async (request) => {
        const p = principalOf(request);
        requireSession(p);
        return revealPersonal(deps.app, p.ref, request.params.id, request.body.reason);
      },
    );
    app.post(
      '/items/:id/personal/erase',
      spec(
        { scope: 'items:edit', writes: true },
        { tags: ['items'], summary: '删除当事人信息 Erase personal information', params: IdParamSchema, body: PersonalReasonBodySchema },
        { 200: ErasedSchema },
      ),
      async (request) => {
        const p = principalOf(request);
        requireSession(p);
        return { erased: await erasePersonal(deps.app, p.ref, request.params.id, request.body.reason, deps.dataDir) };
      },
    );
    done();
  };
}
