import { CodedError } from '../../domain/errors.js';
import type { ItemId, LocalDate } from '../../domain/ids.js';
import type { LedgerType } from '../../domain/ledger-types/index.js';
import { perEntityCommands } from '../../domain/loop/index.js';
import type { UnitTree } from '../../domain/units.js';
import type { TransactionContext } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { unitResolver, type RowError } from '../exchange/plan.js';
import { assertNoPlanFor, createItemInTransaction, mintNumber, recordCreation } from '../items/create.js';
import { actingScope, loadVisibleItem, type ActingScope } from '../items/load.js';
import { performInTransaction } from '../items/perform.js';
import { activeLedgerType } from '../ledger-types/cache.js';
import { readEntityList, type EntityRow } from './entity-list.js';

/*
 * 一校一方案 from a list: a campaign (a parent item) and one plan per entity of the list under it, each handed
 * to the entity's responsible unit. All or nothing: rows refused by their cells are reported and nothing is
 * written; a row the loop refuses while writing undoes the whole campaign and is reported by its row.
 */

export interface CampaignInput {
  /** The per-entity ledger type of the plans (school_plan). */
  readonly ledgerType: string;
  /** The campaign's title; each plan is titled `{entity}` + this (or this with `{entity}` replaced). */
  readonly title: string;
  readonly content?: string;
  /** The list: .xlsx or CSV. */
  readonly list: Buffer;
  /** The responsible unit (id or name) of rows that name none, or its district's counterpart (see leadOf). */
  readonly leadUnit?: string;
  /** Deadline of every plan; the type's default time limit when absent. */
  readonly deadline?: LocalDate;
  /** Add the list to this campaign instead of starting a new one. */
  readonly parentId?: ItemId;
}

export interface CampaignChild {
  readonly row: number;
  readonly entity: string;
  readonly id: ItemId;
  readonly number: string;
  readonly leadUnitId: string;
}

export interface CampaignResult {
  /** The campaign; null when nothing was written. */
  readonly parent: { readonly id: ItemId; readonly number: string; readonly title: string } | null;
  readonly created: readonly CampaignChild[];
  readonly errors: readonly RowError[];
}

/** A row checked: its unit and the type's fields it fills. */
interface PlannedRow {
  readonly row: EntityRow;
  readonly leadUnitId: string;
  readonly fields: Record<string, string>;
}

/** A refusal of the loop while writing a row: carried out of the transaction so that it rolls back. */
class RowRefused extends Error {
  constructor(readonly error: RowError) {
    super(error.messageEn);
  }
}

/** The department of `area` whose name ends with `suffix` (东城区 + 教育局 → 东城区教育局), if there is exactly one. */
function departmentOf(units: UnitTree, areaId: string, suffix: string): string | undefined {
  const hits = units.children(areaId).filter((u) => u.kind === 'department' && u.name.endsWith(suffix));
  return hits.length === 1 ? hits[0]!.id : undefined;
}

/**
 * The unit a row goes to: its own unit column; else the default unit given, or rather that unit's counterpart in
 * the row's district (市教育局 → 东城区教育局) when the district has one; else, with no default, the unit of the
 * type's remit (`leadUnitSuffix`: 教育局 for schools) in the row's district, else in the city.
 */
function leadOf(units: UnitTree, resolve: ReturnType<typeof unitResolver>, type: LedgerType, r: EntityRow, fallback: string | null): { id: string } | { error: RowError } {
  const fail = (code: string, zh: string, en: string) => ({ error: { row: r.row, column: '', code, message: zh, messageEn: en } });
  if (r.unit) {
    const hit = resolve(r.unit);
    if ('id' in hit) return hit;
    return hit.error === 'ambiguous'
      ? fail('unit_ambiguous', `单位名称「${r.unit}」不唯一,请填写单位编号`, `Unit name "${r.unit}" is shared by several units; give its id`)
      : fail('unit_not_found', `单位「${r.unit}」不存在`, `No unit "${r.unit}"`);
  }
  const district = r.district ? units.all().find((u) => u.kind === 'district' && u.name === r.district) : undefined;
  if (r.district && !district) return fail('district_not_found', `区县「${r.district}」不存在`, `No district "${r.district}"`);
  const root = units.all().find((u) => u.parentId === null);
  const suffix = fallback !== null ? units.require(fallback).name.replace(/^.*?[市区县]/, '') : type.perEntity?.leadUnitSuffix;
  const local = district && suffix ? departmentOf(units, district.id, suffix) : undefined;
  if (local) return { id: local };
  if (fallback !== null) return { id: fallback };
  const city = root && suffix ? departmentOf(units, root.id, suffix) : undefined;
  if (city) return { id: city };
  return fail('lead_required', '未填写责任单位,也未找到默认责任单位', 'No responsible unit on the row, and no default one found');
}

/** The type's fields a row fills besides the entity: its district and its kind (学段), when the type has them. */
function rowFields(type: LedgerType, r: EntityRow): { fields: Record<string, string> } | { error: RowError } {
  const fields: Record<string, string> = {};
  if (r.district && type.fields.some((f) => f.name === 'district')) fields.district = r.district;
  const kind = type.fields.find((f) => f.name === 'entityKind' && f.options);
  if (r.kind && kind) {
    const hit = kind.options!.find((o) => [o.value, o.label.zh, o.label.en].some((x) => x.toLowerCase() === r.kind!.toLowerCase()));
    if (!hit) {
      const allowed = kind.options!.map((o) => o.label.zh).join('、');
      return {
        error: {
          row: r.row,
          column: '',
          code: 'kind_unknown',
          message: `「${r.kind}」不是可选的${kind.label.zh}(可选:${allowed})`,
          messageEn: `"${r.kind}" is not a ${kind.label.en} (one of ${kind.options!.map((o) => o.label.en).join(', ')})`,
        },
      };
    }
    fields.entityKind = hit.value;
  }
  return { fields };
}

/** Checks every row's cells: its unit and fields. Refusals come back as row errors, nothing is thrown. */
function planRows(scope: ActingScope, type: LedgerType, rows: readonly EntityRow[], leadUnit: string | undefined): { planned: PlannedRow[]; errors: RowError[] } {
  const resolve = unitResolver(scope.ctx.units);
  let fallback: string | null = null;
  if (leadUnit) {
    const hit = resolve(leadUnit);
    if (!('id' in hit)) throw new AppError('invalid_input', `No single unit "${leadUnit}" for the default responsible unit.`, `默认责任单位「${leadUnit}」不存在或不唯一。`);
    fallback = hit.id;
  }
  const planned: PlannedRow[] = [];
  const errors: RowError[] = [];
  for (const r of rows) {
    const lead = leadOf(scope.ctx.units, resolve, type, r, fallback);
    const fields = rowFields(type, r);
    if ('error' in lead) errors.push(lead.error);
    if ('error' in fields) errors.push(fields.error);
    if ('id' in lead && 'fields' in fields) planned.push({ row: r, leadUnitId: lead.id, fields: fields.fields });
  }
  return { planned, errors };
}

const rowError = (row: number, e: CodedError): RowError => ({ row, column: '', code: e.code, message: e.messageZh, messageEn: e.message });

/** The campaign parent: new (a 重点工作 of the 督办 ledger, owned by the supervisor's unit), or the one given. */
async function campaignParent(deps: AppDeps, tx: TransactionContext, scope: ActingScope, input: CampaignInput) {
  if (input.parentId) return loadVisibleItem(tx, scope, scope.tenantId, input.parentId);
  // The plans' title 「{entity}冬季安全工作方案」 names the campaign 「冬季安全工作方案」.
  const title = input.title.replaceAll('{entity}', '').trim() || input.title;
  const created = await createItemInTransaction(deps, tx, scope, {
    ledgerType: 'directive',
    title,
    content: input.content ?? '',
    fields: { category: 'key_task', sourceName: title },
  });
  return created.item;
}

/** Writes the campaign and its plans inside the caller's transaction; a refused row throws RowRefused. */
async function writeCampaign(
  deps: AppDeps,
  tx: TransactionContext,
  ref: ActorRef,
  type: LedgerType,
  input: CampaignInput,
  planned: readonly PlannedRow[],
): Promise<CampaignResult> {
  const scope = await actingScope(deps, tx, ref);
  const parent = await campaignParent(deps, tx, scope, input);
  const minted = { itemIds: [] as string[], numbers: [] as string[] };
  for (const p of planned) {
    // Against the plans the campaign already has (a list added to it later).
    if (input.parentId) await assertNoPlanFor(tx, scope.tenantId, parent.id, type, p.row.name).catch((e: unknown) => rethrowRow(p.row.row, e));
    minted.itemIds.push(deps.newId());
    minted.numbers.push(await mintNumber(tx, scope, type));
  }
  const template = { tenantId: scope.tenantId, ownerUnitId: scope.actor.unitId, title: input.title, content: input.content, parentId: parent.id };
  const commands = perEntityCommands(
    type,
    template,
    planned.map((p) => ({ name: p.row.name, code: p.row.code })),
    minted,
  );
  const created: CampaignChild[] = [];
  for (const [i, command] of commands.entries()) {
    const p = planned[i]!;
    const data = command.data as { fields: Record<string, unknown> };
    const withFields = { ...command, data: { ...data, fields: { ...data.fields, ...p.fields } } } as typeof command;
    try {
      const item = (await recordCreation(deps, tx, scope, type, withFields)).item;
      const contacts = p.row.contact ? { [p.leadUnitId]: p.row.contact } : {};
      await performInTransaction(deps, tx, scope, item, { type: 'AssignItem', data: { leadUnitId: p.leadUnitId, contacts, ...(input.deadline && { deadline: input.deadline }) } });
      created.push({ row: p.row.row, entity: p.row.name, id: item.id, number: item.number, leadUnitId: p.leadUnitId });
    } catch (e) {
      rethrowRow(p.row.row, e);
    }
  }
  return { parent: { id: parent.id, number: parent.number, title: parent.title }, created, errors: [] };
}

function rethrowRow(row: number, e: unknown): never {
  if (e instanceof CodedError) throw new RowRefused(rowError(row, e));
  throw e;
}

/**
 * 一校一方案 from a list: the campaign and one plan per listed entity, each assigned to its responsible unit (the
 * row's unit column, or the district's counterpart of `leadUnit`, or `leadUnit`, or the unit of the type's
 * remit), in one transaction.
 * A second plan for an entity — twice in the list, or already in the campaign — is refused.
 * Row problems are the result's `errors`, and then nothing is written (`parent` is null).
 * @throws AppError `import_too_large`, `import_unreadable`, `invalid_input` (a type that is not per-entity, an
 *   unknown default unit), `item_not_found` (the campaign to add to); DomainError `ledger_type_not_found`,
 *   `forbidden` and other refusals of the campaign itself.
 */
export async function createCampaign(deps: AppDeps, ref: ActorRef, input: CampaignInput): Promise<CampaignResult> {
  const scope = await actingScope(deps, deps.store.read, ref);
  const type = activeLedgerType(deps, scope.tenantId, input.ledgerType);
  if (!type.perEntity) {
    throw new AppError(
      'invalid_input',
      `Ledger type ${type.key} is not instantiated per entity; a campaign needs one that is (e.g. school_plan).`,
      `台账类型「${type.name.zh}」不按名单逐一建立,不能用名单创建专项。`,
    );
  }
  if (!input.title.trim()) throw new AppError('invalid_input', 'The campaign needs a title.', '请填写专项名称。');
  const list = await readEntityList(input.list, type);
  const { planned, errors } = planRows(scope, type, list.rows, input.leadUnit);
  const all = [...list.errors, ...errors].sort((a, b) => a.row - b.row);
  if (all.length) return { parent: null, created: [], errors: all };
  if (planned.length === 0) {
    return { parent: null, created: [], errors: [{ row: 0, column: '', code: 'list_empty', message: '名单中没有对象', messageEn: 'The list names no entity' }] };
  }
  try {
    return await deps.store.transaction((tx) => writeCampaign(deps, tx, ref, type, input, planned));
  } catch (e) {
    if (e instanceof RowRefused) return { parent: null, created: [], errors: [e.error] };
    throw e;
  }
}
