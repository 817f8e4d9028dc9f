import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../app/errors.js';
import { listLedgerTypes, readLedgerConfig, setLedgerConfig } from '../../app/ledger-types/config.js';
import { LedgerConfigBodySchema, LedgerConfigViewSchema, LedgerTypeViewSchema } from '../../contracts/http/ledger-types.js';
import { ProblemSchema } from '../../contracts/http/common.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { spec } from '../spec.js';
import { etag, expectedVersion } from '../versions.js';

const versionRequired = (): AppError =>
  new AppError(
    'invalid_input',
    'Send If-Match with the version you edited (the ETag of GET /ledger-types/config), so that nobody’s change is overwritten unseen.',
    '请在 If-Match 中给出所编辑配置的版本号(GET /ledger-types/config 返回的 ETag),以免覆盖他人的修改。',
  );

/** 台账类型: the types everyone reads, and their configuration (system admin, 三权分立: settings, not business data). */
export function ledgerTypeRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    app.get('/ledger-types', spec({}, { tags: ['organisation'], summary: '台账类型 Ledger types' }, { 200: z.array(LedgerTypeViewSchema) }), async (request) =>
      listLedgerTypes(deps.app, principalOf(request).ref),
    );
    app.get(
      '/ledger-types/config',
      spec({ auth: 'session' }, { tags: ['admin'], summary: '台账类型配置 Ledger type settings (system admin; ETag = version)' }, { 200: LedgerConfigViewSchema }),
      async (request, reply) => {
        const view = await readLedgerConfig(deps.app, principalOf(request).ref);
        reply.header('etag', etag(view.version)).header('cache-control', 'private, no-store');
        return view;
      },
    );
    app.put(
      '/ledger-types/config',
      spec(
        { auth: 'session', writes: true },
        { tags: ['admin'], summary: '修改台账类型配置 Change the ledger type settings (system admin; If-Match required)', body: LedgerConfigBodySchema },
        { 200: LedgerConfigViewSchema, 409: ProblemSchema, 412: ProblemSchema },
      ),
      async (request, reply) => {
        const { expectedVersion: version } = expectedVersion(request.headers['if-match']);
        if (version === undefined) throw versionRequired();
        const view = await setLedgerConfig(deps.app, principalOf(request).ref, { config: request.body, expectedVersion: version });
        reply.header('etag', etag(view.version));
        return view;
      },
    );
    done();
  };
}
