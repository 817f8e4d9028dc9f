import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { ITEM_STATUSES, LISTING_LEVELS, type ItemStatus, type ListingLevel } from '../../domain/item.js';
import type { Light } from '../../domain/lights.js';
import type { StoredUnit } from '../../store/index.js';
import { resolveUnit } from './units-lookup.js';

/** The ledger filter flags `items list` and `items export` share. */
export interface ItemFilterFlags {
  ledger?: string[];
  unit?: string[];
  state?: string[];
  light?: string[];
  text?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  listed?: string;
  recheck?: string;
  reportDue?: string;
}

const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'none'];
const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').filter(Boolean)];

/** The given values, refused with a bilingual error when one is not among `allowed`. */
export function checked<T extends string>(given: string[] | undefined, allowed: readonly T[], what: string, whatZh: string): T[] | undefined {
  if (!given) return undefined;
  const bad = given.filter((g) => !(allowed as readonly string[]).includes(g));
  if (bad.length) {
    throw new AppError('invalid_input', `Unknown ${what}: ${bad.join(', ')} (one of ${allowed.join(', ')})`, `未知的${whatZh}:${bad.join('、')}(可选 ${allowed.join('、')})`);
  }
  return given as T[];
}

/** Adds the filter flags to a command. */
export function withItemFilterOptions(cmd: Command): Command {
  return cmd
    .option('--ledger <types>', 'ledger types, comma-separated (directive, rectification, hazard, …)', collect)
    .option('--unit <units>', 'lead units (id or name), comma-separated', collect)
    .option('--state <states>', `states: ${ITEM_STATUSES.join(', ')}`, collect)
    .option('--light <lights>', 'warning lights: red, yellow, green, none', collect)
    .option('--text <words>', 'free text in number, title and content (2-character Chinese terms work)')
    .option('--deadline-from <date>', 'current deadline on or after this date (YYYY-MM-DD)')
    .option('--deadline-to <date>', 'current deadline on or before this date (YYYY-MM-DD)')
    .option('--listed <level>', '挂牌督办 items only: any, city or district')
    .option('--recheck <which>', '回头看: due (closed items whose re-check waits), done or any')
    .option('--report-due <when>', '定期报送: week (in-progress items whose report is due by Sunday, lapsed included)');
}

/** The item filter the flags say, units resolved by id or exact name. */
export function itemFilterOf(flags: ItemFilterFlags, units: Map<string, StoredUnit>) {
  return {
    ledgerTypes: flags.ledger,
    statuses: checked<ItemStatus>(flags.state, ITEM_STATUSES, 'state', '状态'),
    lights: checked<Light>(flags.light, LIGHTS, 'light', '预警灯'),
    leadUnitIds: flags.unit?.map((u) => resolveUnit(units, u)),
    deadlineFrom: flags.deadlineFrom,
    deadlineTo: flags.deadlineTo,
    text: flags.text?.trim() || undefined,
    listed: checked<ListingLevel | 'any'>(flags.listed === undefined ? undefined : [flags.listed], [...LISTING_LEVELS, 'any'], 'listing level', '挂牌级别')?.[0],
    recheck: checked(flags.recheck === undefined ? undefined : [flags.recheck], ['due', 'done', 'any'] as const, 'recheck filter', '回头看筛选')?.[0],
    reportDue: checked(flags.reportDue === undefined ? undefined : [flags.reportDue], ['week'] as const, 'report filter', '报送筛选')?.[0],
  };
}
