import type { ItemId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { requireSupervisor } from '../../domain/loop/guards.js';
import { toLocalDate } from '../../domain/time.js';
import type { OfficialDocument, TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps, ViewerRef } from '../context.js';
import { AppError } from '../errors.js';
import { actingScope, ledgerTypeOf, loadVisibleItem, viewingScope, type ActingScope } from '../items/load.js';
import { officialDocx, type OfficialModel } from './official.js';
import { docxToPdf } from './pdf.js';
import { bulletinModel } from './bulletin.js';

/*
 * 督办通知单, 催办通知 and 督办函 for an item: numbered from a per-kind sequence (督办〔2026〕3号), kept with
 * the text they were issued with, recorded on the item's timeline (DocumentIssued) and downloadable by
 * whoever sees the item — the lead unit included.
 */

export const ITEM_DOCUMENT_KINDS = ['notice', 'urge', 'letter'] as const;
export type ItemDocumentKind = (typeof ITEM_DOCUMENT_KINDS)[number];

const NAMES: Record<ItemDocumentKind, { title: string; prefix: string; en: string }> = {
  notice: { title: '督办通知单', prefix: '督办', en: 'supervision notice' },
  urge: { title: '催办通知', prefix: '催办', en: 'reminder' },
  letter: { title: '督办函', prefix: '督函', en: 'supervision letter' },
};

export type DocumentFormat = 'docx' | 'pdf';

function bodyOf(kind: ItemDocumentKind, item: Item, unit: (id: string | null) => string, today: string): string[] {
  const deadline = item.currentDeadline ? `${item.currentDeadline.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}` : '按反馈周期持续推进';
  const co = item.coUnitIds.map(unit).join('、') || '无';
  const source = item.source.kind === 'readout' ? '会议部署' : item.source.kind === 'instruction' ? '领导批示' : item.source.kind === 'import' ? '台账导入' : '督办立项';
  const requirement = item.content.trim() || item.title;
  switch (kind) {
    case 'notice':
      return [
        `现将“${item.title}”（编号：${item.number}）列入督办事项，请认真抓好落实。有关事项通知如下：`,
        `一、事项来源。${source}。`,
        `二、任务要求。${requirement}`,
        `三、责任单位。牵头单位：${unit(item.leadUnitId) || '待定'}；配合单位：${co}。`,
        `四、办理时限。${deadline}前办结。`,
        '五、反馈要求。请于收到本通知后及时签收，按期通过落实系统反馈办理进展并上传佐证材料；办结后提出办结申请，经审核后销号。',
      ];
    case 'urge':
      return [
        `“${item.title}”（编号：${item.number}）办理时限为${deadline}，截至${today.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}尚未办结，当前进度${item.progress}%。`,
        '请你单位高度重视，抓紧办理，于3个工作日内通过落实系统反馈办理进展；确有困难的，请书面说明原因及下一步工作安排。',
      ];
    case 'letter':
      return [
        `“${item.title}”（编号：${item.number}）办理时限为${deadline}，经催办仍未办结，当前进度${item.progress}%。`,
        '一、请你单位主要负责同志亲自过问，逐项查找原因，制定整改措施，明确完成时限。',
        '二、请于5个工作日内将办理情况及下一步工作安排书面报送督查室，并同步在落实系统中反馈。',
        '三、逾期仍未办结的，将按规定予以通报，并纳入年度考核。',
      ];
  }
}

/** What the document says, from the item as it stands now. */
function modelOf(kind: ItemDocumentKind, item: Item, number: string, scope: ActingScope): OfficialModel {
  const units = scope.ctx.units;
  const unit = (id: string | null) => (id === null ? '' : (units.get(id)?.name ?? id));
  const today = toLocalDate(scope.ctx.now, scope.ctx.timeZone);
  const issuer = unit(item.ownerUnitId);
  return {
    issuer,
    number,
    title: `关于${item.title.replace(/[。；;，,]$/u, '')}的${NAMES[kind].title}`,
    recipient: unit(item.leadUnitId) || '各有关单位',
    body: bodyOf(kind, item, unit, today),
    signature: issuer,
    date: today,
    cc: item.coUnitIds.map(unit),
    printedBy: issuer,
    printedOn: today,
  };
}

/**
 * Issues a document of `kind` for an item inside the caller's transaction: numbered, stored, and recorded on
 * the item's timeline. The escalation sweep calls it for 催办 and 督办函 in the transaction of the step.
 * @throws DomainError `forbidden` unless the actor supervises the item.
 */
export async function issueInTransaction(deps: AppDeps, tx: TransactionContext, scope: ActingScope, item: Item, kind: ItemDocumentKind): Promise<OfficialDocument> {
  requireSupervisor({ ...scope.ctx, ledgerType: ledgerTypeOf(deps, scope.tenantId, item.ledgerType) }, item);
  const year = Number(toLocalDate(scope.ctx.now, scope.ctx.timeZone).slice(0, 4));
  const sequence = await tx.numbers.next(scope.tenantId, `doc:${kind}`, year);
  const number = `${NAMES[kind].prefix}〔${year}〕${sequence}号`;
  const model = modelOf(kind, item, number, scope);
  const doc: OfficialDocument = {
    id: deps.newId(),
    kind,
    itemId: item.id,
    year,
    sequence,
    number,
    title: model.title,
    status: 'issued',
    data: { ...model },
    version: 1,
    createdBy: scope.actor.userId,
    createdAt: scope.ctx.now,
    issuedAt: scope.ctx.now,
  };
  await tx.officialDocuments.insert(scope.tenantId, doc);
  await tx.appendEvents(scope.tenantId, [
    {
      itemId: item.id,
      type: 'DocumentIssued',
      actorUserId: scope.actor.userId,
      actorUnitId: scope.actor.unitId,
      at: scope.ctx.now,
      payload: { documentId: doc.id, kind, number, title: doc.title },
    },
  ]);
  return doc;
}

/** 发文: a document of `kind` for an item, on demand. See issueInTransaction. @throws AppError `item_not_found`. */
export async function issueItemDocument(deps: AppDeps, ref: ActorRef, itemId: ItemId, kind: ItemDocumentKind): Promise<OfficialDocument> {
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const item = await loadVisibleItem(tx, scope, ref.tenantId, itemId);
    return issueInTransaction(deps, tx, scope, item, kind);
  });
}

/** The documents of an item the reader may see. @throws AppError `item_not_found`. */
export async function itemDocuments(deps: AppDeps, viewer: ViewerRef, itemId: ItemId): Promise<OfficialDocument[]> {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  await loadVisibleItem(read, scope, viewer.tenantId, itemId);
  return read.officialDocuments.listByItem(viewer.tenantId, itemId);
}

/** The document's file name without extension: its number and title. */
export const fileStem = (d: OfficialDocument): string => `${d.number}${d.title}`.replace(/[\\/:*?"<>|]/g, '');

/**
 * The file of a stored document, as issued, for a reader who may see its item (or, for a 通报, any business
 * reader of the tenant).
 * @throws AppError `document_not_found` (also outside the reader's scope), `pdf_unavailable`.
 */
export async function renderDocument(deps: AppDeps, viewer: ViewerRef, documentId: string, format: DocumentFormat): Promise<{ fileName: string; mediaType: string; body: Buffer }> {
  const read = deps.store.read;
  const scope = await viewingScope(deps, read, viewer);
  const doc = await read.officialDocuments.get(viewer.tenantId, documentId);
  const notFound = () => new AppError('document_not_found', `No document ${documentId} that you may see.`, `未找到文书 ${documentId}(或无权查看)。`);
  if (!doc) throw notFound();
  if (doc.itemId !== null) {
    try {
      await loadVisibleItem(read, scope, viewer.tenantId, doc.itemId);
    } catch {
      throw notFound();
    }
  }
  const docx = await officialDocx(doc.kind === 'bulletin' ? bulletinModel(doc) : (doc.data as unknown as OfficialModel));
  if (format === 'docx') return { fileName: `${fileStem(doc)}.docx`, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: docx };
  return { fileName: `${fileStem(doc)}.pdf`, mediaType: 'application/pdf', body: await docxToPdf(docx) };
}
