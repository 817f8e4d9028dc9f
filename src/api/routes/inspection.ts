import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountError } from '../../app/accounts/errors.js';
import { AppError } from '../../app/errors.js';
import { DEFAULT_MAX_EVIDENCE_BYTES } from '../../app/evidence/evidence.js';
import { computeInspectionCoverage } from '../../app/inspection/coverage.js';
import { readPlaceList } from '../../app/inspection/lists.js';
import { readRoundPhoto, uploadRoundPhoto } from '../../app/inspection/photos.js';
import { sendStoredFile } from '../send-file.js';
import { addInspectionPlan, listInspectionPlans } from '../../app/inspection/plans.js';
import { recordRound } from '../../app/inspection/record.js';
import { listRounds, showRound, type RoundStatus, type RoundView } from '../../app/inspection/rounds.js';
import type { StoredInspectionPlan } from '../../store/index.js';
import {
  CoverageQuerySchema,
  CoverageSchema,
  InspectionPhotoViewSchema,
  InspectionPlanBodySchema,
  InspectionPlanViewSchema,
  ROUND_STATUSES,
  RoundDetailSchema,
  RoundRecordedSchema,
  RoundResultsBodySchema,
  RoundViewSchema,
  RoundsQuerySchema,
} from '../../contracts/http/inspection.js';
import { IdParamSchema } from '../../contracts/http/common.js';
import { principalOf } from '../auth.js';
import { clientGone } from '../client-gone.js';
import type { ApiDeps } from '../deps.js';
import { HttpProblem } from '../problem.js';
import { spec } from '../spec.js';

const TAGS = ['inspection'];

const presentPlan = (p: StoredInspectionPlan) => ({
  id: p.id,
  title: p.title,
  unitId: p.unitId,
  cadence: p.cadence,
  checklist: [...p.checklist],
  places: [...p.places],
  startsOn: p.startsOn,
  endsOn: p.endsOn,
});

const presentRound = (r: RoundView) => ({
  id: r.id,
  planId: r.planId,
  planTitle: r.planTitle,
  unitId: r.unitId,
  placeNo: r.placeNo,
  place: r.place,
  period: r.period,
  opensOn: r.opensOn,
  dueOn: r.dueOn,
  status: r.status,
  onTime: r.onTime,
  recordedOn: r.recorded?.recordedOn ?? null,
  recordedBy: r.recorded?.recordedBy ?? null,
  hazardItemIds: [...(r.recorded?.hazardItemIds ?? [])],
});

function statuses(text: string | undefined): RoundStatus[] | undefined {
  if (text === undefined) return undefined;
  const list = text.split(',').map((s) => s.trim());
  const bad = list.find((s) => !(ROUND_STATUSES as readonly string[]).includes(s));
  if (bad !== undefined) throw new AppError('invalid_input', `status must list ${ROUND_STATUSES.join(', ')}: ${bad}`, `status 须为 ${ROUND_STATUSES.join('、')}：${bad}`);
  return list as RoundStatus[];
}

/**
 * 城市安全运行常态化检查: plans (a supervisor of the area), rounds on the desk, photos and the record of a round
 * (the unit's inspectors), coverage for 考核. Session only: the rounds follow the reader's unit scope, which a
 * unit-bound API token would narrow in ways these lists do not model yet.
 */
export function inspectionRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  const maxBytes = deps.limits?.evidenceBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
  return (app, _opts, done) => {
    app.post(
      '/inspection/plans',
      spec(
        { auth: 'session', writes: true },
        { tags: TAGS, summary: '制定检查计划 Add an inspection plan (places listed or pasted)', body: InspectionPlanBodySchema },
        { 201: InspectionPlanViewSchema },
      ),
      async (request, reply) => {
        const { placesText, places, ...rest } = request.body;
        const list = places ?? (placesText !== undefined ? await readPlaceList(Buffer.from(placesText, 'utf8')) : []);
        const plan = await addInspectionPlan(deps.app, principalOf(request).ref, { ...rest, places: list });
        reply.code(201);
        return presentPlan(plan);
      },
    );

    app.get(
      '/inspection/plans',
      spec({ auth: 'session' }, { tags: TAGS, summary: '检查计划 Inspection plans you may see' }, { 200: z.array(InspectionPlanViewSchema) }),
      async (request) => (await listInspectionPlans(deps.app, principalOf(request).ref)).map(presentPlan),
    );

    app.get(
      '/inspection/rounds',
      spec(
        { auth: 'session' },
        { tags: TAGS, summary: '检查轮次 Rounds on your desk (due, overdue, recorded, upcoming)', querystring: RoundsQuerySchema },
        { 200: z.array(RoundViewSchema) },
      ),
      async (request) => {
        const q = request.query;
        return (await listRounds(deps.app, principalOf(request).ref, { status: statuses(q.status), planId: q.planId, from: q.from, to: q.to })).map(presentRound);
      },
    );

    app.get(
      '/inspection/rounds/:id',
      spec({ auth: 'session' }, { tags: TAGS, summary: '检查轮次详情 A round: checklist, photos, what was recorded', params: IdParamSchema }, { 200: RoundDetailSchema }),
      async (request) => {
        const r = await showRound(deps.app, principalOf(request).ref, request.params.id);
        const results = r.round.recorded?.results as
          { lines: { key: string; label: string; result: 'pass' | 'fail' | 'na'; note: string | null; photos: string[] }[]; note: string | null } | undefined;
        return {
          round: presentRound(r.round),
          cadence: r.cadence,
          checklist: [...r.checklist],
          lines: results ? results.lines.map((l) => ({ key: l.key, label: l.label, result: l.result, note: l.note, photos: [...l.photos] })) : null,
          note: results?.note ?? null,
          photos: r.photos.map((p) => ({ id: p.id, fileName: p.fileName, mediaType: p.mediaType, digest: p.digest })),
        };
      },
    );

    app.post(
      '/inspection/rounds/:id/photos',
      spec(
        { auth: 'session', writes: true },
        { tags: TAGS, summary: '上传检查照片 Upload a photo of a round (multipart, field "file")', params: IdParamSchema },
        { 201: InspectionPhotoViewSchema },
      ),
      async (request, reply) => {
        if (!request.isMultipart()) throw new AccountError('evidence_type_not_allowed', 'Send the photo as multipart/form-data.', '请以 multipart/form-data 上传照片。');
        let upload: { fileName: string; bytes: Buffer };
        try {
          const file = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
          if (!file) throw new AccountError('evidence_type_not_allowed', 'No file in the upload.', '上传内容中没有文件。');
          upload = { fileName: file.filename, bytes: await file.toBuffer() };
        } catch (e) {
          if (e instanceof AccountError || (typeof (e as { code?: unknown }).code === 'string' && String((e as { code: string }).code).startsWith('FST_'))) throw e;
          throw new HttpProblem('bad_request', 400);
        }
        const p = await uploadRoundPhoto(deps.app, principalOf(request).ref, deps.dataDir, request.params.id, upload, maxBytes, clientGone(reply));
        reply.code(201);
        return { id: p.id, fileName: p.fileName, mediaType: p.mediaType, digest: p.digest };
      },
    );

    app.get(
      '/inspection/rounds/:id/photos/:photoId',
      spec({ auth: 'session' }, { tags: TAGS, summary: '下载检查照片 Download a photo of a round', params: z.object({ id: z.string().max(300), photoId: z.string().max(200) }) }),
      async (request, reply) => {
        const { photo, bytes } = await readRoundPhoto(deps.app, principalOf(request).ref, deps.dataDir, request.params.id, request.params.photoId);
        return sendStoredFile(reply, photo, bytes, 'inline');
      },
    );

    app.post(
      '/inspection/rounds/:id/record',
      spec(
        { auth: 'session', writes: true },
        { tags: TAGS, summary: '填报检查结果 Record a round; each failed line opens a hazard item', params: IdParamSchema, body: RoundResultsBodySchema },
        { 201: RoundRecordedSchema },
      ),
      async (request, reply) => {
        const r = await recordRound(deps.app, principalOf(request).ref, request.params.id, request.body);
        reply.code(201);
        return { round: presentRound(r.round), hazards: r.hazards.map((h) => ({ id: h.id, number: h.number, title: h.title })) };
      },
    );

    app.get(
      '/inspection/coverage',
      spec({ auth: 'session' }, { tags: TAGS, summary: '检查覆盖率 Coverage: rounds on time ÷ due, hazards per round', querystring: CoverageQuerySchema }, { 200: CoverageSchema }),
      async (request) => computeInspectionCoverage(deps.app, principalOf(request).ref, request.query),
    );
    done();
  };
}
