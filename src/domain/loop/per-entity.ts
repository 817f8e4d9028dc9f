import type { ItemId } from '../ids.js';
import type { LedgerType } from '../ledger-types/definition.js';
import type { FieldValues } from '../ledger-types/fields.js';
import type { CommandInput } from './commands.js';
import { invalid } from './guards.js';

/** One entity of the list a per-entity type runs over (a school for 一校一方案). */
export interface Entity {
  readonly name: string;
  readonly code?: string;
}

/** What every item of the list shares. `{entity}` in the title is replaced by the entity's name. */
export interface PerEntityTemplate {
  readonly tenantId: string;
  readonly ownerUnitId: string;
  readonly title: string;
  readonly content?: string;
  readonly fields?: FieldValues;
  readonly parentId?: ItemId | null;
}

/**
 * The CreateItem commands of a per-entity ledger type (一校一方案): one per entity, each carrying the template
 * and the entity in the type's entity field. Ids and numbers are minted by the caller, one per entity, in
 * the same order. Each command still goes through `decide`, which checks the fields.
 * @throws DomainError `validation_failed` when the type is not per-entity, the list is empty or has blank or
 *   repeated names, or the ids and numbers do not match the entities one for one.
 */
export function perEntityCommands(
  type: LedgerType,
  template: PerEntityTemplate,
  entities: readonly Entity[],
  minted: { readonly itemIds: readonly ItemId[]; readonly numbers: readonly string[] },
): CommandInput[] {
  const per = type.perEntity;
  if (!per) throw invalid(`Ledger type ${type.key} is not instantiated per entity.`, `台账类型「${type.name.zh}」不按名单逐一建立。`);
  if (entities.length === 0) throw invalid('The list of entities is empty.', '名单为空。');
  const names = entities.map((e) => e.name.trim());
  if (names.some((n) => !n)) throw invalid(`A ${per.entity.en} without a name.`, `名单中有${per.entity.zh}缺少名称。`);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) throw invalid(`Repeated ${per.entity.en}: ${repeated.join(', ')}.`, `${per.entity.zh}重复:${repeated.join('、')}。`);
  if (minted.itemIds.length !== entities.length || minted.numbers.length !== entities.length) {
    throw invalid('One id and one number are needed per entity.', '每个对象须对应一个编号。');
  }
  const hasCode = type.fields.some((f) => f.name === 'entityCode');
  return entities.map((e, i) => ({
    type: 'CreateItem',
    itemId: minted.itemIds[i]!,
    data: {
      tenantId: template.tenantId,
      ledgerType: type.key,
      number: minted.numbers[i]!,
      title: template.title.includes('{entity}') ? template.title.replaceAll('{entity}', names[i]!) : `${names[i]!}:${template.title}`,
      content: template.content ?? '',
      fields: { ...template.fields, [per.field]: names[i]!, ...(hasCode && e.code ? { entityCode: e.code } : {}) },
      ownerUnitId: template.ownerUnitId,
      parentId: template.parentId ?? null,
    },
  }));
}
