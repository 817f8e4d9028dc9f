import { DomainError } from '../errors.js';
import type { Item, ItemCounters } from '../item.js';
import { applyFieldPatch } from '../ledger-types/fields.js';
import type { EventOf, ItemEvent, ItemEventType } from './events.js';

function corrupt(en: string, zh: string, event: ItemEvent): DomainError {
  return new DomainError('invalid_event_stream', en, zh, { itemId: event.itemId, type: event.type, version: event.version });
}

/** Evidence refs in first-seen order, without repeats. */
const addEvidence = (have: readonly string[], more: readonly string[]): readonly string[] => (more.length ? [...new Set([...have, ...more])] : have);

function created(e: EventOf<'ItemCreated'>): Item {
  const d = e.data;
  return {
    id: e.itemId,
    tenantId: d.tenantId,
    ledgerType: d.ledgerType,
    number: d.number,
    title: d.title,
    content: d.content,
    source: d.source,
    fields: applyFieldPatch({}, d.fields),
    priority: d.priority,
    ownerUnitId: d.ownerUnitId,
    createdBy: e.by.userId,
    leadUnitId: null,
    coUnitIds: [],
    contacts: {},
    originalDeadline: null,
    currentDeadline: null,
    cadence: null,
    plannedStart: null,
    progress: 0,
    status: 'draft',
    stageIndex: null,
    stageKey: null,
    progressNote: null,
    evidence: [],
    rating: null,
    parentId: d.parentId,
    weight: d.weight,
    pendingExtension: null,
    createdAt: e.at,
    assignedAt: null,
    acceptedAt: null,
    lastReportAt: null,
    closureRequestedAt: null,
    stageEnteredAt: null,
    closedAt: null,
    cancelledAt: null,
    lastUrgedAt: null,
    counters: { returns: 0, rejections: 0, extensionsGranted: 0, extensionsDenied: 0, urges: 0, reopens: 0, reports: 0, instructions: 0 },
    version: e.version,
    ...(d.intake && { reported: { unitId: d.ownerUnitId, by: e.by.userId, at: e.at, pending: d.intake === 'pending', own: d.intake === 'own' } }),
  };
}

const notClosing = { stageIndex: null, stageKey: null, stageEnteredAt: null, closureRequestedAt: null } as const;

/** What a return to draft clears: the assignment and its terms. */
const unassigned = {
  leadUnitId: null,
  coUnitIds: [],
  contacts: {},
  originalDeadline: null,
  currentDeadline: null,
  cadence: null,
  plannedStart: null,
  assignedAt: null,
} as const;

/**
 * The fields only moved items carry, cleared when the item goes back to draft. Items that never moved keep no
 * such keys, so an item recorded before work could move replays to exactly its stored projection.
 */
const unmoved = (item: Item): Partial<Item> => ({
  ...(item.originalLeadUnitId === undefined ? {} : { originalLeadUnitId: null }),
  ...(item.deadlineAt === undefined ? {} : { deadlineAt: null }),
});

/** A new deadline given as a date ends at the end of that day: an hour-based deadline instant no longer applies. */
const dateOnly = (item: Item): Partial<Item> => (item.deadlineAt === undefined ? {} : { deadlineAt: null });

/** The counters with one of them raised by one. */
const bump = (item: Item, key: keyof ItemCounters): ItemCounters => ({ ...item.counters, [key]: item.counters[key] + 1 });

const WORK_EVENTS = [
  'DraftEdited',
  'ItemEdited',
  'ItemAssigned',
  'ItemAccepted',
  'ItemReturned',
  'ProgressReported',
  'CoUnitReported',
  'ExtensionRequested',
  'ExtensionApproved',
  'ExtensionDenied',
] as const satisfies readonly ItemEventType[];
type WorkEvent = EventOf<(typeof WORK_EVENTS)[number]>;
type ClosureEvent = Exclude<ItemEvent, WorkEvent | EventOf<'ItemCreated'>>;
const isWork = (e: ItemEvent): e is WorkEvent => (WORK_EVENTS as readonly string[]).includes(e.type);

/** Events of handing out and working on an item. */
function applyWork(item: Item, e: WorkEvent): Item {
  switch (e.type) {
    case 'DraftEdited':
    case 'ItemEdited': {
      const { fields, ...rest } = e.data;
      return { ...item, ...rest, ...(fields && { fields: applyFieldPatch(item.fields, fields) }) };
    }
    case 'ItemAssigned': {
      const d = e.data;
      return {
        ...item,
        status: 'assigned',
        leadUnitId: d.leadUnitId,
        coUnitIds: d.coUnitIds,
        contacts: d.contacts,
        originalDeadline: d.deadline,
        currentDeadline: d.deadline,
        cadence: d.cadence,
        plannedStart: d.plannedStart,
        assignedAt: e.at,
        ...(d.deadlineAt !== undefined ? { deadlineAt: d.deadlineAt } : dateOnly(item)),
        ...(d.ownerUnitId !== undefined && { ownerUnitId: d.ownerUnitId }),
        ...(item.reported?.pending && { reported: { ...item.reported, pending: false } }),
      };
    }
    case 'ItemAccepted': {
      const lead = item.leadUnitId;
      const contacts = e.data.contact !== null && lead !== null ? { ...item.contacts, [lead]: e.data.contact } : item.contacts;
      return { ...item, status: 'in_progress', acceptedAt: e.at, contacts };
    }
    case 'ItemReturned':
      return { ...item, ...unassigned, ...unmoved(item), status: 'draft', counters: bump(item, 'returns') };
    case 'ProgressReported': {
      const { percent, text, evidence } = e.data;
      return { ...item, progress: percent, progressNote: text, lastReportAt: e.at, evidence: addEvidence(item.evidence, evidence), counters: bump(item, 'reports') };
    }
    case 'CoUnitReported': {
      const { unitId, contact, evidence } = e.data;
      const contacts = contact !== null ? { ...item.contacts, [unitId]: contact } : item.contacts;
      return { ...item, contacts, evidence: addEvidence(item.evidence, evidence) };
    }
    case 'ExtensionRequested': {
      const pendingExtension = { requestedDeadline: e.data.deadline, reason: e.data.reason, requestedAt: e.at, requestedBy: e.by.userId };
      return { ...item, pendingExtension };
    }
    case 'ExtensionApproved':
      return { ...item, ...dateOnly(item), currentDeadline: e.data.deadline, pendingExtension: null, counters: bump(item, 'extensionsGranted') };
    case 'ExtensionDenied':
      return { ...item, pendingExtension: null, counters: bump(item, 'extensionsDenied') };
  }
}

/** Events of closure, reopening, cancellation and oversight. */
function applyClosure(item: Item, e: ClosureEvent): Item {
  switch (e.type) {
    case 'ClosureRequested': {
      const { stage, fields, evidence } = e.data;
      return {
        ...item,
        status: 'closing',
        stageIndex: stage.stageIndex,
        stageKey: stage.stageKey,
        closureRequestedAt: e.at,
        stageEnteredAt: e.at,
        fields: applyFieldPatch(item.fields, fields),
        evidence: addEvidence(item.evidence, evidence),
        // Asking to close withdraws a pending extension request: it no longer matters.
        pendingExtension: null,
        rating: null,
      };
    }
    case 'StagePassed': {
      const { next, rating } = e.data;
      const moved = next ? { stageIndex: next.stageIndex, stageKey: next.stageKey, stageEnteredAt: e.at } : {};
      return { ...item, ...moved, rating: rating ?? item.rating };
    }
    case 'ItemClosed':
      // closureRequestedAt stays: the time from request to closure feeds the statistics.
      return { ...item, ...notClosing, closureRequestedAt: item.closureRequestedAt, status: 'closed', closedAt: e.at };
    case 'ClosureRejected':
      return { ...item, ...notClosing, status: 'in_progress', rating: null, counters: bump(item, 'rejections') };
    case 'ItemReopened': {
      const { deadline } = e.data;
      return {
        ...item,
        // Reopened while its 回头看 was due: the check found a rebound (反弹), whichever page it was done from.
        ...(item.recheck?.status === 'due' ? { recheck: { ...item.recheck, status: 'reopened' as const, decidedAt: e.at } } : {}),
        status: 'in_progress',
        closedAt: null,
        closureRequestedAt: null,
        rating: null,
        ...(deadline ? dateOnly(item) : {}),
        currentDeadline: deadline ?? item.currentDeadline,
        // An ongoing item reopened with a deadline gets its first one: that is its original deadline too.
        originalDeadline: item.originalDeadline ?? deadline,
        counters: bump(item, 'reopens'),
      };
    }
    case 'ItemCancelled':
      return { ...item, ...notClosing, status: 'cancelled', cancelledAt: e.at, pendingExtension: null };
    case 'ItemUrged':
      return { ...item, lastUrgedAt: e.at, counters: bump(item, 'urges') };
    case 'InstructionGiven':
      return { ...item, counters: bump(item, 'instructions') };
    case 'ItemMoved': {
      const d = e.data;
      const moves = item.moves ?? { transfers: 0, escalations: 0 };
      return {
        ...item,
        ...notClosing,
        status: 'assigned',
        leadUnitId: d.leadUnitId,
        coUnitIds: d.coUnitIds,
        currentDeadline: d.deadline,
        // A reset deadline is the new unit's commitment: 按期 is judged against it.
        originalDeadline: d.deadlineReset ? d.deadline : item.originalDeadline,
        ...(d.deadlineReset ? dateOnly(item) : {}),
        originalLeadUnitId: item.originalLeadUnitId ?? d.fromUnitId,
        acceptedAt: null,
        assignedAt: e.at,
        pendingExtension: null,
        pendingReturn: null,
        moves: d.kind === 'transfer' ? { ...moves, transfers: moves.transfers + 1 } : { ...moves, escalations: moves.escalations + 1 },
      };
    }
    case 'ReturnRequested':
      return { ...item, pendingReturn: { reason: e.data.reason, requestedAt: e.at, requestedBy: e.by.userId, fromUnitId: e.data.fromUnitId } };
    case 'ReturnApproved':
      return {
        ...item,
        ...unassigned,
        ...unmoved(item),
        ...notClosing,
        status: 'draft',
        acceptedAt: null,
        pendingExtension: null,
        pendingReturn: null,
        counters: bump(item, 'returns'),
      };
    case 'ReturnDenied':
      return { ...item, pendingReturn: null };
    case 'ItemListed':
      return { ...item, listing: { level: e.data.level, reason: e.data.reason, by: e.by.userId, unitId: e.by.unitId, at: e.at } };
    case 'ItemUnlisted':
      return { ...item, listing: null };
    case 'DeadlineNear':
      return { ...item, remindedFor: e.data.deadline };
    case 'RecheckDue':
      return { ...item, recheck: { closedAt: e.data.closedAt, dueOn: e.data.dueOn, status: 'due', decidedAt: null } };
    case 'RecheckConfirmed':
      return { ...item, recheck: item.recheck ? { ...item.recheck, status: 'confirmed', decidedAt: e.at } : null };
    case 'DeadlineAdjusted': {
      const { previousDeadline, deadline } = e.data;
      return { ...item, ...dateOnly(item), currentDeadline: deadline, originalDeadline: item.originalDeadline === previousDeadline ? deadline : item.originalDeadline };
    }
  }
}

/** The item after one event, for every event but ItemCreated. Trusts the event: `decide` checked it. */
function apply(item: Item, e: ItemEvent): Item {
  if (e.type === 'ItemCreated') throw corrupt(`Item ${e.itemId} is created twice.`, `事项 ${e.itemId} 重复创建。`, e);
  return isWork(e) ? applyWork(item, e) : applyClosure(item, e);
}

/**
 * Folds one event into the item (null before ItemCreated). Never reads a clock: every time comes from the
 * event. Versions must follow on: an action's events share its version, the next action's is one higher.
 * @throws DomainError `invalid_event_stream` when the event does not fit (first event not ItemCreated, a
 *   second ItemCreated, another item's event, a version out of sequence).
 */
export function evolve(item: Item | null, event: ItemEvent): Item {
  if (item === null) {
    if (event.type !== 'ItemCreated') {
      throw corrupt(`The first event of ${event.itemId} is ${event.type}, not ItemCreated.`, `事项 ${event.itemId} 的首个事件不是创建事件。`, event);
    }
    return created(event);
  }
  if (event.itemId !== item.id) throw corrupt(`Event of ${event.itemId} applied to ${item.id}.`, `事件属于事项 ${event.itemId},不属于 ${item.id}。`, event);
  // An action's events share its version; only ItemClosed ever follows another event of the same action.
  const sameAction = event.version === item.version && event.type === 'ItemClosed';
  if (!sameAction && event.version !== item.version + 1) {
    throw corrupt(`Event version ${event.version} does not follow ${item.version}.`, `事件版本 ${event.version} 与事项版本 ${item.version} 不连续。`, event);
  }
  return { ...apply(item, event), version: event.version };
}
