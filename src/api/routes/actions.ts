import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { checkEvidenceRefs } from '../../app/evidence/evidence.js';
import { performAction } from '../../app/items/perform.js';
import { personalDataWarnings, warningHeader } from '../../app/personal-data-warnings.js';
import { requireInNarrowScope, rowOf } from '../../app/search/search-items.js';
import { IdParamSchema, ProblemSchema } from '../../contracts/http/common.js';
import { ACTION_BODIES, ActionResultSchema } from '../../contracts/http/items.js';
import { ACTION_ROUTES, ACTION_SLUGS, type ActionSlug } from '../../contracts/http/scopes.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { presentItem } from '../presenters.js';
import { spec } from '../spec.js';
import { langOf } from '../i18n.js';
import { etag, expectedVersion } from '../versions.js';
import { narrowOf } from './items.js';

const SUMMARIES: Record<ActionSlug, string> = {
  assign: '交办 Assign',
  accept: '签收 Accept',
  return: '退回 Return',
  report: '进展反馈 Report progress',
  'report-co-unit': '配合单位反馈 Co-unit report',
  'request-extension': '延期申请 Request extension',
  'decide-extension': '延期审批 Approve or deny extension',
  'request-closure': '申请办结 Request closure',
  'pass-stage': '通过办结环节 Pass closure stage',
  reject: '驳回 Reject closure',
  reopen: '回头看重新打开 Reopen (a rebound 反弹 when a 回头看 is due)',
  'confirm-recheck': '回头看确认 Confirm a due 回头看: the problem stayed solved (supervisor; note required)',
  cancel: '撤销 Cancel',
  urge: '催办 Urge',
  instruct: '批示 Instruct',
  transfer: '转办/改派 Transfer to another lead unit (supervisor; reason required; deadline kept unless given)',
  escalate: '提级 Escalate to the unit above or a named higher unit (lead unit of a dispute, appeal or hazard)',
  'request-return': '申请退回 Ask the supervisor’s consent to return an accepted item',
  'decide-return': '审批退回 Approve or deny a return request (supervisor)',
  'list-flag': '挂牌督办 List for supervision at city or district level (supervisor; reason required)',
  'unlist-flag': '摘牌 Unlist a closed item (the supervisor who listed it, or one above)',
};

function commandOf(slug: ActionSlug, body: Record<string, unknown>): { type: string; data: Record<string, unknown> } {
  if (slug === 'decide-extension') {
    const { decision, ...data } = body;
    return { type: decision === 'approve' ? 'ApproveExtension' : 'DenyExtension', data };
  }
  return { type: ACTION_ROUTES[slug], data: body };
}

/** POST /items/:id/{action} for every action of the loop, with If-Match. */
export function actionRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    for (const slug of ACTION_SLUGS) {
      app.post(
        `/items/:id/${slug}`,
        spec(
          { scope: `action:${slug}`, writes: true },
          { tags: ['actions'], summary: SUMMARIES[slug], params: IdParamSchema, body: ACTION_BODIES[slug] },
          { 200: ActionResultSchema, 409: ProblemSchema, 412: ProblemSchema },
        ),
        async (request, reply) => {
          const p = principalOf(request);
          const id = request.params.id;
          await requireInNarrowScope(deps.app, p.ref, id, narrowOf(p));
          // The signing passphrase travels with the action (over TLS) and is used for this request only: it is
          // taken out of the command so that it never reaches an event, a log line or an error's details.
          const { passphrase, ...body } = (request.body ?? {}) as Record<string, unknown>;
          if (Array.isArray(body.evidence)) await checkEvidenceRefs(deps.app, deps.tenantId, id, body.evidence as string[]);
          const command = { ...commandOf(slug, body), ...expectedVersion(request.headers['if-match']) };
          const { item, warnings } = await performAction(deps.app, p.ref, id, command, typeof passphrase === 'string' ? { passphrase } : {});
          // Personal data typed into an ordinary field: recorded as typed, and the person is told (the web app
          // offers to move it into the case's personal fields, sealed with the case key).
          const personal = personalDataWarnings(deps.app, deps.tenantId, item.ledgerType, body);
          if (personal.length > 0) reply.header('luoshi-personal-data', warningHeader(personal));
          const row = await rowOf(deps.app, p.ref, item);
          reply.header('etag', etag(item.version));
          const zh = langOf(request) === 'zh';
          const told = (warnings ?? []).map((w) => ({ code: w.code, unitId: w.unitId, message: zh ? w.messageZh : w.message }));
          return { ...presentItem(row.item, row.light), ...(told.length > 0 && { warnings: told }) };
        },
      );
    }
    done();
  };
}
