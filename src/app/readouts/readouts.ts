import { runParseJob } from '../parsing/parse-jobs.js';
import type { ReadoutDraft, TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { createItemInTransaction } from '../items/create.js';
import { actingScope, type ActingScope } from '../items/load.js';
import { performInTransaction } from '../items/perform.js';
import { applyDraftEdit, draftFromExtraction, DraftEditSchema, type DraftData } from './draft.js';

const MEDIA_TYPES = { text: 'text/plain', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;

export interface ReadoutDraftView {
  readonly id: string;
  readonly documentId: string;
  readonly status: ReadoutDraft['status'];
  readonly version: number;
  readonly data: DraftData;
}

const view = (d: ReadoutDraft): ReadoutDraftView => ({ id: d.id, documentId: d.documentId, status: d.status, version: d.version, data: d.data as DraftData });

function requireSupervisor(scope: ActingScope): void {
  if (!scope.actor.roles.includes('supervisor')) {
    throw new AppError('business_data_forbidden', 'Only a supervisor imports readouts.', '只有督办员可以导入会议通稿。');
  }
}

export interface ImportReadoutInput {
  readonly bytes: Uint8Array;
  readonly fileName?: string | null;
  /** Meeting date when the text does not state the year. */
  readonly meetingDate?: string | null;
  /** Aborted when the client goes away: the parse stops. */
  readonly signal?: AbortSignal;
}

/**
 * Stores a readout (.txt in any common encoding, .docx, .pdf) and its extracted directives as a draft the
 * supervisor edits before confirming. The text is kept exactly as decoded, so every directive's offsets
 * point into it for good (the item page shows the source sentence in context).
 * @throws DomainError `readout_*` for unreadable files; AppError `business_data_forbidden` unless a supervisor.
 */
export async function importReadout(deps: AppDeps, ref: ActorRef, input: ImportReadoutInput): Promise<ReadoutDraftView> {
  // Untrusted bytes are parsed in a parser process with its limits (parsing/parse-pool.ts), never on this one.
  const job = { kind: 'readout', bytes: input.bytes, meetingDate: input.meetingDate ?? null } as const;
  const { loaded, extraction } = deps.parsing ? await deps.parsing.run(job, input.signal) : await runParseJob(job);
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    requireSupervisor(scope);
    const units = await tx.units.list(ref.tenantId);
    const documentId = deps.newId();
    const doc = await tx.documents.insert(ref.tenantId, {
      id: documentId,
      title: extraction.document.title ?? input.fileName ?? '会议通稿',
      fileName: input.fileName ?? null,
      mediaType: MEDIA_TYPES[loaded.format],
      text: loaded.text,
      createdBy: scope.actor.userId,
      createdAt: scope.ctx.now,
    });
    // Items point into this text for good (their source sentence): its digest goes on the chain, so verify can
    // tell a readout's text changed behind the record.
    await tx.appendEvents(ref.tenantId, [
      {
        itemId: null,
        type: 'ReadoutRecorded',
        actorUserId: scope.actor.userId,
        actorUnitId: scope.actor.unitId,
        at: doc.createdAt,
        payload: { documentId, title: doc.title, fileName: doc.fileName, mediaType: doc.mediaType, digest: doc.digest, length: doc.text.length },
      },
    ]);
    const data = { ...draftFromExtraction(extraction, units, input.fileName ?? null), notes: [...loaded.notes, ...extraction.notes] };
    const draft = { id: deps.newId(), documentId, status: 'open' as const, data, createdBy: scope.actor.userId, createdAt: scope.ctx.now };
    await tx.readoutDrafts.insert(ref.tenantId, draft);
    return { id: draft.id, documentId, status: 'open', version: 1, data };
  });
}

async function loadOpenDraft(tx: TransactionContext, ref: ActorRef, scope: ActingScope, draftId: string): Promise<ReadoutDraft> {
  const draft = await tx.readoutDrafts.get(ref.tenantId, draftId);
  // Drafts are their author's work until confirmed: others do not see them.
  if (!draft || draft.createdBy !== scope.actor.userId) throw new AppError('item_not_found', `No readout draft ${draftId}.`, `未找到会议稿草稿 ${draftId}。`, { draftId });
  if (draft.status !== 'open') {
    throw new AppError('invalid_input', `Readout draft ${draftId} is ${draft.status}.`, `会议稿草稿 ${draftId} 已${draft.status === 'confirmed' ? '确认' : '放弃'}。`, { status: draft.status });
  }
  return draft;
}

/** The draft as it stands (its author only). */
export async function showReadoutDraft(deps: AppDeps, ref: ActorRef, draftId: string): Promise<ReadoutDraftView & { readonly text: string }> {
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const draft = await tx.readoutDrafts.get(ref.tenantId, draftId);
    if (!draft || draft.createdBy !== scope.actor.userId) throw new AppError('item_not_found', `No readout draft ${draftId}.`, `未找到会议稿草稿 ${draftId}。`, { draftId });
    const doc = await tx.documents.get(ref.tenantId, draft.documentId);
    return { ...view(draft), text: doc?.text ?? '' };
  });
}

/**
 * Applies edits in order (keep/drop, set kind, lead, co-units, deadline, cadence, ledger type, title or
 * fields, merge, split), all or none.
 * @throws AppError `invalid_input` (a bad edit), `item_not_found`; StoreError `version_conflict`.
 */
export async function editReadoutDraft(deps: AppDeps, ref: ActorRef, draftId: string, edits: readonly unknown[], expectedVersion?: number): Promise<ReadoutDraftView> {
  const parsed = edits.map((e) => {
    const r = DraftEditSchema.safeParse(e);
    if (!r.success) throw new AppError('invalid_input', `Bad edit: ${r.error.issues.map((i) => i.message).join('; ')}`, `修改指令有误:${r.error.issues.map((i) => i.message).join(';')}`);
    return r.data;
  });
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    const draft = await loadOpenDraft(tx, ref, scope, draftId);
    const version = expectedVersion ?? draft.version;
    const doc = await tx.documents.get(ref.tenantId, draft.documentId);
    const unitIds = new Set(scope.ctx.units.all().map((u) => u.id));
    const data = parsed.reduce((d, e) => applyDraftEdit(d, e, doc?.text ?? '', unitIds), draft.data as DraftData);
    await tx.readoutDrafts.update(ref.tenantId, draftId, version, { status: 'open', data }, scope.ctx.now);
    return { ...view(draft), version: version + 1, data };
  });
}

export interface ConfirmResult {
  readonly draftId: string;
  readonly items: readonly { readonly directive: number; readonly itemId: string; readonly number: string; readonly parentId: string | null; readonly assigned: boolean }[];
}

/**
 * 确认: turns the kept directives into items of their ledger types in one transaction, numbered headlines
 * as parents of their sub-directives, each with its provenance (document and offsets). With `assign`, every
 * item that has a lead unit is handed out at once (its deadline, its cadence, or the type's time limit).
 * @throws AppError, DomainError (a directive whose fields its ledger type refuses), StoreError; nothing is
 *   created when any of them fails.
 */
export async function confirmReadoutDraft(deps: AppDeps, ref: ActorRef, draftId: string, options: { assign?: boolean } = {}): Promise<ConfirmResult> {
  return deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    requireSupervisor(scope);
    const draft = await loadOpenDraft(tx, ref, scope, draftId);
    const data = draft.data as DraftData;
    const created = new Map<number, string>();
    const out: ConfirmResult['items'][number][] = [];
    for (const d of data.directives.filter((x) => x.keep)) {
      const parentId = d.parent !== null ? (created.get(d.parent) ?? null) : null;
      const { item } = await createItemInTransaction(deps, tx, scope, {
        ledgerType: d.ledgerType,
        title: d.title,
        content: d.text,
        source: { kind: 'readout', documentId: draft.documentId, start: d.start, end: d.end, directiveIndex: d.i },
        fields: { ...d.fields },
        parentId,
      });
      created.set(d.i, item.id);
      const assign = options.assign === true && d.leadUnitId !== null;
      if (assign) {
        await performInTransaction(deps, tx, scope, item, {
          type: 'AssignItem',
          data: { leadUnitId: d.leadUnitId, coUnitIds: d.coUnitIds.filter((u) => u !== d.leadUnitId), deadline: d.deadline, cadence: d.deadline ? null : d.cadence },
        });
      }
      out.push({ directive: d.i, itemId: item.id, number: item.number, parentId, assigned: assign });
    }
    await tx.readoutDrafts.update(ref.tenantId, draftId, draft.version, { status: 'confirmed', data: { ...data, items: Object.fromEntries(created) } }, scope.ctx.now);
    return { draftId, items: out };
  });
}
