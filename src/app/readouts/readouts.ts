import { runParseJob } from '../parsing/parse-jobs.js';
import type { ReadoutDraft, TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { createItemInTransaction } from '../items/create.js';
import { actingScope, ledgerTypeOf, type ActingScope } from '../items/load.js';
import { withDefaultDeadline } from '../items/deadlines.js';
import { calendarOf } from '../calendar/tenant-calendar.js';
import type { Cadence } from '../../domain/item.js';
import type { TimeLimit } from '../../domain/ledger-types/index.js';
import { performInTransaction } from '../items/perform.js';
import { applyDraftEdit, draftFromExtraction, DraftEditSchema, type DraftData } from './draft.js';

const MEDIA_TYPES = {
  text: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** What 交办 gives a directive that names neither deadline nor cadence: its ledger type's default, counted from today. */
export interface DefaultTerm {
  readonly deadline: string | null;
  readonly cadence: Cadence | null;
  readonly limit: TimeLimit | null;
}

export interface ReadoutDraftView {
  readonly id: string;
  readonly documentId: string;
  readonly status: ReadoutDraft['status'];
  readonly version: number;
  readonly data: DraftData;
  /** Per ledger type used by the draft: the term a directive without deadline or cadence gets at 交办. */
  readonly defaults: Readonly<Record<string, DefaultTerm>>;
}

/**
 * The default term of each ledger type the directives use, counted from now exactly as the assignment will
 * count it (withDefaultDeadline), so the review and the confirmation show the date the item will really get.
 */
function defaultsOf(deps: AppDeps, scope: ActingScope, data: DraftData): Record<string, DefaultTerm> {
  const out: Record<string, DefaultTerm> = {};
  for (const key of new Set(data.directives.map((d) => d.ledgerType))) {
    try {
      const type = ledgerTypeOf(deps, scope.tenantId, key);
      const filled = withDefaultDeadline({ type: 'AssignItem', data: {} }, type, scope.ctx.now, scope.ctx.timeZone, calendarOf(deps, scope.tenantId)) as {
        data: { deadline?: string; cadence?: Cadence };
      };
      out[key] = { deadline: filled.data.deadline ?? null, cadence: filled.data.cadence ?? null, limit: type.defaultTimeLimit ?? null };
    } catch {
      // An unknown or retired type has no default to show; confirming refuses it with its own message.
    }
  }
  return out;
}

const view = (deps: AppDeps, scope: ActingScope, d: ReadoutDraft, data = d.data as DraftData): ReadoutDraftView => ({
  id: d.id,
  documentId: d.documentId,
  status: d.status,
  version: d.version,
  data,
  defaults: defaultsOf(deps, scope, data),
});

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
 * Stores a readout (.txt in any common encoding, .docx, .xlsx, .pdf) and its extracted directives as a draft the
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
    return { id: draft.id, documentId, status: 'open', version: 1, data, defaults: defaultsOf(deps, scope, data) };
  });
}

async function loadOpenDraft(tx: TransactionContext, ref: ActorRef, scope: ActingScope, draftId: string): Promise<ReadoutDraft> {
  const draft = await tx.readoutDrafts.get(ref.tenantId, draftId);
  // Drafts are their author's work until confirmed: others do not see them.
  if (!draft || draft.createdBy !== scope.actor.userId) throw new AppError('item_not_found', `No readout draft ${draftId}.`, `未找到会议稿草稿 ${draftId}。`, { draftId });
  if (draft.status !== 'open') {
    throw new AppError('invalid_input', `Readout draft ${draftId} is ${draft.status}.`, `会议稿草稿 ${draftId} 已${draft.status === 'confirmed' ? '确认' : '放弃'}。`, {
      status: draft.status,
    });
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
    return { ...view(deps, scope, draft), text: doc?.text ?? '' };
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
    if (!r.success) {
      throw new AppError('invalid_input', `Bad edit: ${r.error.issues.map((i) => i.message).join('; ')}`, `修改指令有误:${r.error.issues.map((i) => i.message).join(';')}`);
    }
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
    return { ...view(deps, scope, draft, data), version: version + 1 };
  });
}

export interface ConfirmResult {
  readonly draftId: string;
  readonly items: readonly {
    readonly directive: number;
    readonly itemId: string;
    readonly number: string;
    readonly title: string;
    readonly parentId: string | null;
    readonly assigned: boolean;
    /** As handed out (null when not assigned): the result page lists who got what, and by when. */
    readonly leadUnitId: string | null;
    readonly coUnitIds: readonly string[];
    readonly deadline: string | null;
  }[];
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
      const after = assign
        ? (
            await performInTransaction(deps, tx, scope, item, {
              type: 'AssignItem',
              data: { leadUnitId: d.leadUnitId, coUnitIds: d.coUnitIds.filter((u) => u !== d.leadUnitId), deadline: d.deadline, cadence: d.deadline ? null : d.cadence },
            })
          ).item
        : item;
      out.push({
        directive: d.i,
        itemId: item.id,
        number: item.number,
        title: item.title,
        parentId,
        assigned: assign,
        leadUnitId: assign ? after.leadUnitId : null,
        coUnitIds: assign ? after.coUnitIds : [],
        deadline: assign ? after.currentDeadline : null,
      });
    }
    await tx.readoutDrafts.update(ref.tenantId, draftId, draft.version, { status: 'confirmed', data: { ...data, items: Object.fromEntries(created) } }, scope.ctx.now);
    return { draftId, items: out };
  });
}

/** One line of 导入记录: a draft with what it holds, without its text or directives. */
export interface ReadoutDraftSummary {
  readonly id: string;
  readonly status: ReadoutDraft['status'];
  readonly version: number;
  readonly title: string | null;
  readonly fileName: string | null;
  readonly meetingDate: string | null;
  readonly authorName: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly directives: number;
  readonly kept: number;
  /** Items created by its confirmation (0 until confirmed). */
  readonly items: number;
}

/** Drafts listed at most: 导入记录 is a working list, not an archive. */
const LIST_LIMIT = 200;

/**
 * 导入记录: the caller's own readout drafts, newest first (drafts are their author's work, as everywhere else:
 * nobody lists another supervisor's drafts).
 * @throws AppError `business_data_forbidden` unless a supervisor.
 */
export async function listReadoutDrafts(deps: AppDeps, ref: ActorRef): Promise<ReadoutDraftSummary[]> {
  const scope = await actingScope(deps, deps.store.read, ref);
  requireSupervisor(scope);
  const drafts = await deps.store.read.readoutDrafts.listByAuthor(ref.tenantId, scope.actor.userId, LIST_LIMIT);
  return drafts.map((d) => {
    const data = d.data as DraftData;
    return {
      id: d.id,
      status: d.status,
      version: d.version,
      title: data.document.title,
      fileName: data.document.fileName,
      meetingDate: data.document.meetingDate,
      authorName: scope.user.displayName,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      directives: data.directives.length,
      kept: data.directives.filter((x) => x.keep).length,
      items: Object.keys(data.items ?? {}).length,
    };
  });
}

/**
 * 放弃: an open draft is set aside (kept, marked discarded, no longer editable or confirmable); a confirmed draft
 * cannot be discarded, its items exist.
 * @throws AppError `item_not_found`, `invalid_input` (not open); StoreError `version_conflict`.
 */
export async function discardReadoutDraft(deps: AppDeps, ref: ActorRef, draftId: string, expectedVersion?: number): Promise<ReadoutDraftSummary> {
  await deps.store.transaction(async (tx) => {
    const scope = await actingScope(deps, tx, ref);
    requireSupervisor(scope);
    const draft = await loadOpenDraft(tx, ref, scope, draftId);
    await tx.readoutDrafts.update(ref.tenantId, draftId, expectedVersion ?? draft.version, { status: 'discarded', data: draft.data }, scope.ctx.now);
  });
  const list = await listReadoutDrafts(deps, ref);
  const found = list.find((d) => d.id === draftId);
  if (!found) throw new AppError('item_not_found', `No readout draft ${draftId}.`, `未找到会议稿草稿 ${draftId}。`, { draftId });
  return found;
}
