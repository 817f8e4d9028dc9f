import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { exportItems } from '../../app/exchange/export.js';
import { ExportQuerySchema } from '../../contracts/http/items.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { langOf } from '../i18n.js';
import { spec } from '../spec.js';
import { narrowOf, toSearch } from './items.js';

/** GET /items/export: the filtered list as the .xlsx offices file (header block, labels, hidden round-trip columns) or CSV. */
export function exportRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    app.get(
      '/items/export',
      spec({ scope: 'export' }, { tags: ['items'], summary: '导出 Export a filtered list (.xlsx or CSV)', querystring: ExportQuerySchema }),
      async (request, reply) => {
        const p = principalOf(request);
        const { format, lang: langParam, ...filters } = request.query;
        const { limit: _limit, after: _after, ...query } = toSearch(filters);
        const file = await exportItems(deps.app, p.ref, query, { format, lang: langParam ?? langOf(request), narrowTo: narrowOf(p) });
        reply
          .header('cache-control', 'private, no-store')
          .header('content-type', file.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
        return format === 'csv' ? file.body.toString('utf8') : file.body;
      },
    );
    done();
  };
}
