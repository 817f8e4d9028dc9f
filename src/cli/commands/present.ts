import type { Item, ItemStatus } from '../../domain/item.js';
import type { Light, LightResult } from '../../domain/lights.js';

export const STATUS_ZH: Readonly<Record<ItemStatus, string>> = {
  draft: '草稿',
  assigned: '已交办',
  in_progress: '办理中',
  closing: '审核中',
  closed: '已办结',
  cancelled: '已撤销',
};

export const LIGHT_ZH: Readonly<Record<Light, string>> = { red: '红 red', yellow: '黄 yellow', green: '绿 green', none: '—' };

/** The JSON of an item for `--json` output: explicit fields, snake_case, unit names beside ids. */
export function presentItem(item: Item, light: LightResult, units: Map<string, { name: string }>) {
  const name = (id: string | null) => (id ? (units.get(id)?.name ?? null) : null);
  return {
    id: item.id,
    number: item.number,
    ledger_type: item.ledgerType,
    title: item.title,
    content: item.content,
    status: item.status,
    stage: item.stageKey,
    priority: item.priority,
    owner_unit: { id: item.ownerUnitId, name: name(item.ownerUnitId) },
    lead_unit: item.leadUnitId ? { id: item.leadUnitId, name: name(item.leadUnitId) } : null,
    co_units: item.coUnitIds.map((id) => ({ id, name: name(id) })),
    original_deadline: item.originalDeadline,
    current_deadline: item.currentDeadline,
    deadline_provisional: light.deadlineProvisional === true,
    deadline_at: item.deadlineAt ?? null,
    cadence: item.cadence,
    progress: item.progress,
    progress_note: item.progressNote,
    light: light.light,
    light_reasons: light.reasons,
    pending_extension: item.pendingExtension,
    parent_id: item.parentId,
    listing: item.listing ? { level: item.listing.level, reason: item.listing.reason, by: item.listing.by, unit_id: item.listing.unitId, at: item.listing.at } : null,
    fields: item.fields,
    source: item.source,
    evidence: item.evidence,
    counters: item.counters,
    created_at: item.createdAt,
    assigned_at: item.assignedAt,
    accepted_at: item.acceptedAt,
    closed_at: item.closedAt,
    version: item.version,
  };
}
