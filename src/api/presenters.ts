import type { Item } from '../domain/item.js';
import type { LightResult } from '../domain/lights.js';
import type { TimelineEntry } from '../app/items/timeline.js';
import type { ApiToken, Evidence, StoredUnit, User, Webhook, Delivery } from '../store/index.js';

/* Presenters: the only way rows leave the server. Each copies named fields; nothing is passed through whole. */

export function presentItem(item: Item, light: LightResult) {
  return {
    id: item.id,
    number: item.number,
    ledgerType: item.ledgerType,
    title: item.title,
    content: item.content,
    source: item.source,
    fields: item.fields,
    priority: item.priority,
    status: item.status,
    stageKey: item.stageKey,
    ownerUnitId: item.ownerUnitId,
    leadUnitId: item.leadUnitId,
    coUnitIds: item.coUnitIds,
    contacts: item.contacts,
    originalDeadline: item.originalDeadline,
    currentDeadline: item.currentDeadline,
    deadlineAt: item.deadlineAt ?? null,
    cadence: item.cadence,
    // A closed item is done, whatever its last report said (as the export and 考核 read it).
    progress: item.status === 'closed' ? 100 : item.progress,
    progressNote: item.progressNote,
    evidence: item.evidence,
    parentId: item.parentId,
    pendingExtension: item.pendingExtension,
    pendingReturn: item.pendingReturn ?? null,
    reported: item.reported ? { unitId: item.reported.unitId, at: item.reported.at, pending: item.reported.pending, own: item.reported.own } : null,
    listing: item.listing ? { level: item.listing.level, reason: item.listing.reason, by: item.listing.by, unitId: item.listing.unitId, at: item.listing.at } : null,
    recheck: item.recheck ? { closedAt: item.recheck.closedAt, dueOn: item.recheck.dueOn, status: item.recheck.status, decidedAt: item.recheck.decidedAt } : null,
    createdAt: item.createdAt,
    closedAt: item.closedAt,
    version: item.version,
    light,
  };
}

export const presentTimelineEntry = (e: TimelineEntry) => ({
  seq: e.seq,
  type: e.type,
  at: e.at,
  actorUserId: e.actorUserId,
  actorName: e.actorName,
  actorUnitId: e.actorUnitId,
  unitName: e.unitName,
  data: e.data,
});

export const presentUser = (u: User) => ({ id: u.id, username: u.username, displayName: u.displayName, unitId: u.unitId, roles: u.roles, disabled: u.disabledAt !== null });

export const presentUnit = (u: StoredUnit & { readonly staffed?: boolean }) => ({
  id: u.id,
  name: u.name,
  kind: u.kind,
  parentId: u.parentId,
  code: u.code,
  ...(u.staffed === undefined ? {} : { staffed: u.staffed }),
});

export const presentToken = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  unitId: t.unitId,
  scopes: t.scopes,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

export const presentEvidence = (e: Evidence & { readonly public?: boolean }) => ({
  id: e.id,
  itemId: e.itemId,
  fileName: e.fileName,
  mediaType: e.mediaType,
  sizeBytes: e.sizeBytes,
  digest: e.digest,
  uploadedBy: e.uploadedBy,
  uploadedAt: e.uploadedAt,
  ...(e.public !== undefined && { public: e.public }),
});

export const presentWebhook = (w: Webhook) => ({ id: w.id, url: w.url, unitId: w.unitId, ledgerType: w.ledgerType, createdAt: w.createdAt, disabledAt: w.disabledAt });

export const presentDelivery = (d: Delivery) => ({
  id: d.id,
  eventSeq: d.eventSeq,
  eventType: d.eventType,
  itemId: d.itemId,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  deliveredAt: d.deliveredAt,
});
