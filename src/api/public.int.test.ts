import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem, performAction } from '../app/index.js';
import { readLedgerConfig, setLedgerConfig } from '../app/ledger-types/config.js';
import { uploadEvidence } from '../app/evidence/evidence.js';
import { decodePixels, GPS_LATITUDE_BYTES, TAGGED_SECRETS, taggedJpeg, taggedPng } from '../privacy/testing/tagged-images.js';
import { EXAMPLE_FIELDS } from '../domain/ledger-types/examples.js';
import { DIALECTS } from '../store/testing/dialects.js';
import { apiFixture, type ApiFixture } from './testing/fixture.js';

const SECRET_LEADER = '责任领导甲乙丙';
const COMPLETION = '经核查，联系人王小明（身份证11010519491231002X，电话13812345678）反映的直排口已全部截污。';

// The stages each item is left in: draft, assigned, in progress, the first closure stage, and for 整改 its 公示.
const STAGES = ['draft', 'assigned', 'in_progress', 'closing_first', 'public_notice'] as const;

for (const d of DIALECTS) {
  describe.skipIf(d.skip)(`public 公示 pages (${d.name})`, () => {
    let fx: ApiFixture;
    const made: { type: string; stage: string; id: string; number: string; title: string }[] = [];
    const get = (url: string) => fx.call(null, { method: 'GET', url });

    beforeAll(async () => {
      fx = await apiFixture(d.name);
      const deps = fx.deps.app;
      const as = (username: string) => ({ tenantId: fx.tenantId, username });
      for (const type of Object.keys(EXAMPLE_FIELDS)) {
        for (const stage of STAGES) {
          if (stage === 'public_notice' && type !== 'rectification') continue;
          const ex = EXAMPLE_FIELDS[type]!;
          const title = `标题${type}${stage}`;
          const fields = type === 'rectification' ? { ...ex.draft, responsibleLeader: SECRET_LEADER } : ex.draft;
          const { item } = await createItem(deps, as('sup'), { ledgerType: type, title, fields });
          made.push({ type, stage, id: item.id, number: item.number, title });
          if (stage === 'draft') continue;
          await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2099-06-30' } });
          if (stage === 'assigned') continue;
          await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
          if (stage === 'in_progress') continue;
          const closure = type === 'rectification' ? { completion: COMPLETION } : ex.closure;
          await performAction(deps, as('env'), item.id, { type: 'RequestClosure', data: { summary: '已完成', evidence: ['file:1'], fields: closure } });
          if (stage === 'closing_first') continue;
          await performAction(deps, as('sup'), item.id, { type: 'PassStage', data: {} });
        }
      }
    }, 60_000);
    afterAll(() => fx?.close());

    it('lists only the item in its 公示 period, with the public fields and personal data masked, without logging in', async () => {
      const index = await get(`/public/${fx.tenantId}/`);
      expect(index.statusCode).toBe(200);
      expect(index.headers['content-type']).toMatch(/text\/html/);
      expect(index.headers['set-cookie']).toBeUndefined();
      const shown = made.find((m) => m.stage === 'public_notice')!;
      expect(index.body).toContain(shown.number);
      const page = await get(`/public/${fx.tenantId}/items/${encodeURIComponent(shown.number)}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('部分河段污水直排');
      expect(page.body).toContain('王**');
      expect(page.body).toContain('1101**********002X');
      expect(page.body).toContain('138****5678');
      for (const secret of ['王小明', '11010519491231002X', '13812345678', SECRET_LEADER, '<script']) expect(page.body).not.toContain(secret);
      expect((await get(`/public/${fx.tenantId}/items/${shown.id}`)).body).toBe(page.body);
    });

    it('reveals nothing of an item not in a public stage — pages, feeds and error answers alike (every type × stage)', async () => {
      const unknown = await get(`/public/${fx.tenantId}/items/${encodeURIComponent('整改〔2026〕9999号')}`);
      expect(unknown.statusCode).toBe(404);
      const index = (await get(`/public/${fx.tenantId}/`)).body;
      const json = (await get(`/public/${fx.tenantId}/feed.json`)).body;
      const atom = (await get(`/public/${fx.tenantId}/feed.atom`)).body;
      for (const m of made) {
        if (m.stage === 'public_notice') {
          expect(json).toContain(m.number);
          expect(atom).toContain(m.number);
          continue;
        }
        for (const body of [index, json, atom]) {
          expect(body, `${m.type}/${m.stage}`).not.toContain(m.number);
          expect(body, `${m.type}/${m.stage}`).not.toContain(m.title);
        }
        for (const ref of [m.id, m.number]) {
          const r = await get(`/public/${fx.tenantId}/items/${encodeURIComponent(ref)}`);
          expect(r.statusCode, `${m.type}/${m.stage}`).toBe(404);
          expect(r.body).toBe(unknown.body);
        }
      }
      for (const body of [index, json, atom]) expect(body).not.toContain(SECRET_LEADER);
    });

    it('serves valid feeds: JSON Feed 1.1 and Atom', async () => {
      const json = await get(`/public/${fx.tenantId}/feed.json`);
      expect(json.headers['content-type']).toMatch(/application\/feed\+json/);
      const feed = json.json() as { version: string; items: { title: string; content_text: string }[] };
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.items).toHaveLength(1);
      expect(feed.items[0]!.content_text).toContain('138****5678');
      const atom = await get(`/public/${fx.tenantId}/feed.atom`);
      expect(atom.headers['content-type']).toMatch(/application\/atom\+xml/);
      expect(atom.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      expect(atom.body.match(/<entry>/g)).toHaveLength(1);
    });

    it('another tenant, and anything else under /public, is the same not-found page; the API stays behind its login', async () => {
      const nf = await get(`/public/${fx.tenantId}/items/nothing`);
      for (const url of [
        '/public/another-city/',
        '/public/another-city/feed.json',
        `/public/${fx.tenantId}/items/${encodeURIComponent('../../api/v1/items')}`,
        `/public/${fx.tenantId}/api/v1/items`,
        `/public/${fx.tenantId}/items/x/personal`,
      ]) {
        const r = await get(url);
        expect(r.statusCode, url).toBe(404);
        expect(r.body, url).toBe(nf.body);
      }
      expect((await get('/api/v1/items')).statusCode).toBe(401);
      expect((await fx.call(null, { method: 'POST', url: `/public/${fx.tenantId}/items/x` })).statusCode).toBe(404);
    });

    it('answers every fuzzed public URL without a server error', async () => {
      const pieces = ['%00', '%ff', '%ED%A0%80', '..', '%2e%2e', '\u0000', '整改〔', '〕', 'a'.repeat(400), '%', '?q=<script>', '#', ';', '*', '~', "'", '"', '\\', '%E2%80%AE'];
      let seed = 7;
      const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      for (let i = 0; i < 150; i++) {
        const parts = Array.from({ length: 1 + rnd(3) }, () => pieces[rnd(pieces.length)]!);
        const url = `/public/${rnd(3) === 0 ? parts[0] : fx.tenantId}/${['', 'items/', 'feed.json', 'feed.atom'][rnd(4)]}${parts.join('')}`;
        // Dot segments that climb out of /public are resolved by the client before sending: not a public URL.
        if (!new URL(url, 'http://127.0.0.1').pathname.startsWith('/public/')) continue;
        const r = await fx.call(null, { method: rnd(5) === 0 ? 'HEAD' : 'GET', url });
        expect(r.statusCode, url).toBeLessThan(500);
      }
    });

    it('takes objections during 公示 (limited per address and in size), blocks passing the stage until each is answered, and shows the reply', async () => {
      const shown = made.find((m) => m.stage === 'public_notice')!;
      const url = `/public/${fx.tenantId}/items/${encodeURIComponent(shown.number)}/objections`;
      const form = (body: string) => fx.call(null, { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
      const filed = await form(`text=${encodeURIComponent('排污口夜间仍有排放')}&contact=${encodeURIComponent('13700001111')}`);
      expect(filed.statusCode).toBe(201);
      expect(filed.body).toContain('异议已收到');
      expect(filed.body).not.toContain('13700001111');
      expect((await form('text=')).statusCode).toBe(400);
      expect((await form(`text=${'长'.repeat(20_000)}`)).statusCode).toBe(413);
      expect((await form('text=second')).statusCode).toBe(201);
      const other = made.find((m) => m.type === 'rectification' && m.stage === 'closing_first')!;
      const notPublic = await fx.call(null, {
        method: 'POST',
        url: `/public/${fx.tenantId}/items/${other.id}/objections`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'text=x',
      });
      expect(notPublic.statusCode).toBe(404);
      expect((await form('text=third')).statusCode).toBe(429);

      const deps = fx.deps.app;
      const as = (username: string) => ({ tenantId: fx.tenantId, username });
      fx.advance(8 * 86_400_000); // past the 7 days of 公示
      expect((await form('text=late')).statusCode).toBe(429);
      expect(await performAction(deps, as('sup'), shown.id, { type: 'PassStage', data: {} }).catch((e: { code: string }) => e.code)).toBe('objection_open');

      const sup = await fx.login('sup');
      const desk = await fx.call(sup, { method: 'GET', url: `/api/v1/items/${shown.id}/objections` });
      expect(desk.statusCode, desk.body).toBe(200);
      const list = desk.json() as { objectionId: string; text: string; contact: string | null }[];
      expect(list.map((o) => [o.text, o.contact])).toEqual([
        ['排污口夜间仍有排放', '13700001111'],
        ['second', null],
      ]);
      const env = await fx.login('env');
      expect((await fx.call(env, { method: 'GET', url: `/api/v1/items/${shown.id}/objections` })).statusCode).toBe(403);
      for (const o of list) {
        const r = await fx.call(sup, {
          method: 'POST',
          url: `/api/v1/items/${shown.id}/objections/${o.objectionId}/handle`,
          payload: { reply: '经复查已无排放，联系人刘建设（13911112222）已确认。' },
        });
        expect(r.statusCode, r.body).toBe(200);
      }
      const page = (await fx.call(null, { method: 'GET', url: `/public/${fx.tenantId}/items/${encodeURIComponent(shown.number)}` })).body;
      expect(page).toContain('异议答复');
      expect(page).toContain('139****2222');
      expect(page).not.toContain('13911112222');
      expect(page).not.toContain('排污口夜间仍有排放');
      const { item } = await performAction(deps, as('sup'), shown.id, { type: 'PassStage', data: {} });
      expect(item.stageKey).toBe('sign_off');
    });

    it('follows the ledger-type setting: the fields a type publishes, and closed items listed for its months (every type × stage)', async () => {
      const deps = fx.deps.app;
      const as = (username: string) => ({ tenantId: fx.tenantId, username });
      const { version } = await readLedgerConfig(deps, as('sysadmin'));
      await setLedgerConfig(deps, as('sysadmin'), {
        config: { overrides: { rectification: { disclosure: { fields: ['problem', 'completion'] } }, directive: { disclosure: { fields: ['outcome'], closedMonths: 6 } } } },
        expectedVersion: version,
      });
      // A 整改 item in its notice shows only the two fields now published; 整改措施 is no longer public.
      const ex = EXAMPLE_FIELDS['rectification']!;
      const { item: fresh } = await createItem(deps, as('sup'), { ledgerType: 'rectification', title: '标题整改新公示', fields: ex.draft });
      await performAction(deps, as('sup'), fresh.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2099-06-30' } });
      await performAction(deps, as('env'), fresh.id, { type: 'AcceptItem', data: {} });
      await performAction(deps, as('env'), fresh.id, { type: 'RequestClosure', data: { summary: '已完成', evidence: ['file:1'], fields: { completion: COMPLETION } } });
      await performAction(deps, as('sup'), fresh.id, { type: 'PassStage', data: {} });
      const noticePage = await get(`/public/${fx.tenantId}/items/${fresh.id}`);
      expect(noticePage.statusCode).toBe(200);
      expect(noticePage.body).toContain('部分河段污水直排');
      expect(noticePage.body).toContain('138****5678');
      for (const hidden of ['截污纳管', '消除直排口', '13812345678']) expect(noticePage.body).not.toContain(hidden);

      // A directive closed (销号) now is listed with its one public field; the fields it does not publish are not.
      const closed = made.find((m) => m.type === 'directive' && m.stage === 'closing_first')!;
      const { item } = await performAction(deps, as('sup'), closed.id, { type: 'PassStage', data: {} });
      expect(item.status).toBe('closed');
      const page = await get(`/public/${fx.tenantId}/items/${encodeURIComponent(closed.number)}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('已建立常态化检查机制');
      expect(page.body).toContain('销号日期');
      expect(page.body).not.toContain('提出异议');
      for (const hidden of ['机制建立并运行', '市委常委会会议', '2020-09-12']) expect(page.body).not.toContain(hidden);
      const nf = (await get(`/public/${fx.tenantId}/items/nothing`)).body;
      const lists = async () => [
        (await get(`/public/${fx.tenantId}/`)).body,
        (await get(`/public/${fx.tenantId}/feed.json`)).body,
        (await get(`/public/${fx.tenantId}/feed.atom`)).body,
      ];
      for (const body of await lists()) {
        expect(body).toContain(closed.number);
        expect(body).toContain(fresh.number);
        for (const m of made) {
          if (m === closed) continue;
          expect(body, `${m.type}/${m.stage}`).not.toContain(m.number);
        }
      }
      for (const m of made) {
        if (m === closed) continue;
        const r = await get(`/public/${fx.tenantId}/items/${m.id}`);
        expect(r.statusCode, `${m.type}/${m.stage}`).toBe(404);
        expect(r.body).toBe(nf);
      }

      // Past the six months the closed directive is gone, the same not-found as anything else.
      fx.advance(190 * 86_400_000);
      for (const body of await lists()) expect(body).not.toContain(closed.number);
      const gone = await get(`/public/${fx.tenantId}/items/${closed.id}`);
      expect(gone.statusCode).toBe(404);
      expect(gone.body).toBe(nf);
    });

    it('shows the pictures a supervisor marks public, served without EXIF, GPS, XMP or text chunks, still decoding', async () => {
      const deps = fx.deps.app;
      const as = (username: string) => ({ tenantId: fx.tenantId, username });
      const ex = EXAMPLE_FIELDS['rectification']!;
      const { item } = await createItem(deps, as('sup'), { ledgerType: 'rectification', title: '标题整改带图片', fields: ex.draft });
      await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2099-06-30' } });
      await performAction(deps, as('env'), item.id, { type: 'AcceptItem', data: {} });
      const jpeg = taggedJpeg();
      const png = taggedPng();
      const upload = (fileName: string, bytes: Uint8Array) => uploadEvidence(deps, as('env'), fx.deps.dataDir, item.id, { fileName, bytes });
      const photo = await upload('张三现场照片13812345678.jpg', jpeg.tagged);
      const drawing = await upload('整改后.png', png.tagged);
      const note = await upload('说明.txt', Buffer.from('联系人张三，电话13812345678'));
      await performAction(deps, as('env'), item.id, { type: 'RequestClosure', data: { summary: '已完成', evidence: [photo.id, drawing.id, note.id], fields: ex.closure } });
      await performAction(deps, as('sup'), item.id, { type: 'PassStage', data: {} });
      const pageUrl = `/public/${fx.tenantId}/items/${item.id}`;
      expect((await get(pageUrl)).body).not.toContain('<img');

      const sup = await fx.login('sup');
      const env = await fx.login('env');
      const mark = (caller: typeof sup, id: string, value: boolean) => fx.call(caller, { method: 'PUT', url: `/api/v1/evidence/${id}/public`, payload: { public: value } });
      expect((await mark(env, photo.id, true)).statusCode).toBe(403);
      const refused = await mark(sup, note.id, true);
      expect(refused.statusCode).toBe(415);
      expect(refused.body).toContain('JPEG');
      for (const e of [photo, drawing]) expect((await mark(sup, e.id, true)).statusCode).toBe(200);

      const page = (await get(pageUrl)).body;
      expect(page).toContain('佐证材料');
      expect(page.match(/<img /g)).toHaveLength(2);
      expect(page).not.toContain('13812345678');
      expect(page).not.toContain(note.id);
      const nf = (await get(`/public/${fx.tenantId}/items/nothing`)).body;
      for (const [e, type, clean] of [
        [photo, 'image/jpeg', jpeg.clean],
        [drawing, 'image/png', png.clean],
      ] as const) {
        const src = page.match(new RegExp(`src="([^"]+/evidence/${e.id})"`))![1]!;
        const served = await get(src.replaceAll('&amp;', '&'));
        expect(served.statusCode).toBe(200);
        expect(served.headers['content-type']).toBe(type);
        expect(served.headers['x-content-type-options']).toBe('nosniff');
        const bytes = served.rawPayload;
        for (const secret of [...TAGGED_SECRETS, 'Exif\0\0', 'eXIf', 'tEXt', 'iTXt']) expect(bytes.indexOf(Buffer.from(secret, 'utf8')), secret).toBe(-1);
        expect(bytes.indexOf(GPS_LATITUDE_BYTES)).toBe(-1);
        expect(decodePixels(bytes, type).equals(decodePixels(clean, type))).toBe(true);
      }
      // The text file, a file of another item, and a picture no longer public are the same not-found.
      const other = made.find((m) => m.stage === 'in_progress')!;
      const otherFile = await uploadEvidence(deps, as('sup'), fx.deps.dataDir, other.id, { fileName: 'x.png', bytes: png.tagged }).catch(() => null);
      expect((await mark(sup, drawing.id, false)).statusCode).toBe(200);
      for (const id of [note.id, drawing.id, otherFile?.id ?? 'none', '%00', 'x'.repeat(300)]) {
        const r = await get(`${pageUrl}/evidence/${id}`);
        expect(r.statusCode, id).toBe(404);
        expect(r.body).toBe(nf);
      }
      expect((await get(pageUrl)).body.match(/<img /g)).toHaveLength(1);
      // The item's evidence list tells the people working on it which files the public sees.
      const listed = (await fx.call(env, { method: 'GET', url: `/api/v1/items/${item.id}/evidence` })).json() as { id: string; public: boolean }[];
      expect(Object.fromEntries(listed.map((e) => [e.id, e.public]))).toEqual({ [photo.id]: true, [drawing.id]: false, [note.id]: false });
    });

    it('answers every fuzzed objection POST with a 4xx or a receipt, never a server error', async () => {
      const shown = made.find((m) => m.stage === 'public_notice')!;
      const targets = [encodeURIComponent(shown.number), shown.id, 'nothing', '%00', encodeURIComponent('整改〔')];
      const field = fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.constantFrom('', '\u0000', '\ud800', '\u202e', "'; drop table objections; --", '<script>alert(1)</script>', '长'.repeat(3000)),
      );
      const body = fc.oneof(
        fc.record({ kind: fc.constant('form' as const), text: field, contact: fc.option(field) }),
        fc.record({
          kind: fc.constant('json' as const),
          value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ text: fc.oneof(field, fc.integer(), fc.constant(null)), contact: fc.oneof(field, fc.array(field)) })),
        }),
        fc.record({
          kind: fc.constant('raw' as const),
          type: fc.constantFrom('text/plain', 'multipart/form-data; boundary=x', 'application/json', 'application/x-www-form-urlencoded', 'application/octet-stream'),
          bytes: fc.uint8Array({ maxLength: 300 }),
        }),
      );
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...targets), body, async (target, b) => {
          n += 1;
          // A fresh address each time: the per-address limit is tested above; here every body must reach the parser.
          const remoteAddress = `10.9.${n >> 8}.${n & 255}`;
          const url = `/public/${fx.tenantId}/items/${target}/objections`;
          const r =
            b.kind === 'form'
              ? await fx.call(null, {
                  method: 'POST',
                  url,
                  remoteAddress,
                  headers: { 'content-type': 'application/x-www-form-urlencoded' },
                  payload: new URLSearchParams({ text: b.text, ...(b.contact !== null && { contact: b.contact }) }).toString(),
                })
              : b.kind === 'json'
                ? await fx.call(null, { method: 'POST', url, remoteAddress, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(b.value) })
                : await fx.call(null, { method: 'POST', url, remoteAddress, headers: { 'content-type': b.type }, payload: Buffer.from(b.bytes) });
          expect(r.statusCode, `${url} ${JSON.stringify(b).slice(0, 200)} → ${r.body.slice(0, 200)}`).toBeLessThan(500);
        }),
        { numRuns: 120 },
      );
      // Still serving.
      expect((await get(`/public/${fx.tenantId}/`)).statusCode).toBe(200);
    });
  });
}
