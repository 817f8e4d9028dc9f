/**
 * The metrics of 考核 (DESIGN.md, Statistics), declared once: name, formula and denominator rule in both
 * languages. Figures computed by the functions of this folder carry the key, so a table, a chart or a 通报 can
 * show how each figure was made and list the items behind it.
 */
/** A text in both languages of the product (zh-CN first). */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

export const METRIC_KEYS = [
  'due',
  'on_time_rate',
  'closure_rate',
  'overdue_rate',
  'working_days_to_accept',
  'calendar_days_to_accept',
  'working_days_to_close',
  'calendar_days_to_close',
  'returns',
  'rejections',
  'extensions_granted',
  'transfers',
  'escalations',
  'response_rate',
  'resolution_rate',
  'satisfaction_rate',
  'rebound_rate',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** rate: numerator ÷ denominator; mean: average over the items that have the measure; count: a sum. */
export type MetricKind = 'rate' | 'mean' | 'count';

export interface MetricDefinition {
  readonly key: MetricKey;
  readonly kind: MetricKind;
  readonly name: Label;
  readonly formula: Label;
  /** Which items a figure is taken over (the denominator of a rate, the population of a mean or count). */
  readonly denominator: Label;
}

const DUE_RULE: Label = {
  zh: '应办结事项：已交办、未撤销、有办理时限，且已过考核时限或已办结',
  en: 'items due: assigned, not cancelled, with a deadline, and either past their scoring deadline or closed',
};
const SCORING: Label = {
  zh: '考核时限为原定时限；仅当延期获批时以批准后的时限为准',
  en: 'the scoring deadline is the original deadline, or the current one when an extension was approved',
};
const RUNNING: Label = { zh: '未撤销的事项（含被退回待重新交办的）', en: 'items not cancelled (including those returned and awaiting a new assignment)' };
const RATED: Label = { zh: '已回访评价的事项（参评件）', en: 'items with a follow-up rating' };

function def(key: MetricKey, kind: MetricKind, name: Label, formula: Label, denominator: Label): MetricDefinition {
  return { key, kind, name, formula, denominator };
}

export const METRICS: Readonly<Record<MetricKey, MetricDefinition>> = {
  due: def('due', 'count', { zh: '应办结数', en: 'Items due' }, { zh: '应办结事项件数', en: 'count of items due' }, DUE_RULE),
  on_time_rate: def(
    'on_time_rate',
    'rate',
    { zh: '按期办结率', en: 'On-time closure rate' },
    { zh: `在考核时限当日或之前办结的事项 ÷ 应办结事项（${SCORING.zh}）`, en: `items closed on or before their scoring deadline ÷ items due (${SCORING.en})` },
    DUE_RULE,
  ),
  closure_rate: def('closure_rate', 'rate', { zh: '办结率', en: 'Closure rate' }, { zh: '已办结事项 ÷ 应办结事项', en: 'items closed ÷ items due' }, DUE_RULE),
  overdue_rate: def(
    'overdue_rate',
    'rate',
    { zh: '超期率', en: 'Overdue rate' },
    { zh: '超期事项（逾期未办结，或逾期办结）÷ 应办结事项', en: 'overdue items (open past the scoring deadline, or closed after it) ÷ items due' },
    DUE_RULE,
  ),
  working_days_to_accept: def(
    'working_days_to_accept',
    'mean',
    { zh: '平均签收用时（工作日）', en: 'Mean working days to accept' },
    { zh: '交办日至签收日之间的工作日数的平均值', en: 'mean of the working days from the day of assignment to the day of acceptance' },
    { zh: '已签收的事项', en: 'items accepted' },
  ),
  calendar_days_to_accept: def(
    'calendar_days_to_accept',
    'mean',
    { zh: '平均签收用时（自然日）', en: 'Mean calendar days to accept' },
    { zh: '交办至签收的时长（日）的平均值', en: 'mean of the time from assignment to acceptance, in days' },
    { zh: '已签收的事项', en: 'items accepted' },
  ),
  working_days_to_close: def(
    'working_days_to_close',
    'mean',
    { zh: '平均办结用时（工作日）', en: 'Mean working days to close' },
    { zh: '交办日至办结日之间的工作日数的平均值', en: 'mean of the working days from the day of assignment to the day of closure' },
    { zh: '已办结的事项', en: 'items closed' },
  ),
  calendar_days_to_close: def(
    'calendar_days_to_close',
    'mean',
    { zh: '平均办结用时（自然日）', en: 'Mean calendar days to close' },
    { zh: '交办至办结的时长（日）的平均值', en: 'mean of the time from assignment to closure, in days' },
    { zh: '已办结的事项', en: 'items closed' },
  ),
  returns: def('returns', 'count', { zh: '退回次数', en: 'Returns' }, { zh: '承办单位退回交办的次数之和', en: 'sum of the times lead units returned an assignment' }, RUNNING),
  rejections: def(
    'rejections',
    'count',
    { zh: '办结申请被驳回次数', en: 'Rejected closure requests' },
    { zh: '办结审核环节驳回次数之和', en: 'sum of the closure requests a stage rejected' },
    RUNNING,
  ),
  extensions_granted: def(
    'extensions_granted',
    'count',
    { zh: '批准延期次数', en: 'Extensions granted' },
    { zh: '获批延期申请次数之和', en: 'sum of the extension requests approved' },
    RUNNING,
  ),
  transfers: def(
    'transfers',
    'count',
    { zh: '转办次数', en: 'Transfers' },
    {
      zh: '督办单位将事项转办、改派给其他牵头单位的次数之和（计入首个牵头单位）',
      en: 'sum of the times a supervisor moved an item to another lead unit (counted for the first lead unit)',
    },
    RUNNING,
  ),
  escalations: def(
    'escalations',
    'count',
    { zh: '提级次数', en: 'Escalations' },
    {
      zh: '牵头单位将事项提级交上级单位办理的次数之和（计入首个牵头单位）',
      en: 'sum of the times a lead unit handed an item up to a unit above (counted for the first lead unit)',
    },
    RUNNING,
  ),
  response_rate: def(
    'response_rate',
    'rate',
    { zh: '响应率', en: 'Response rate' },
    { zh: '在规定工作日内签收（响应）的事项 ÷ 应响应事项', en: 'items accepted (responded to) within the set working days ÷ items whose response was due' },
    { zh: '已交办、未撤销，且已签收或签收期限已过的事项', en: 'items assigned, not cancelled, and accepted or past their response window' },
  ),
  resolution_rate: def(
    'resolution_rate',
    'rate',
    { zh: '解决率', en: 'Resolution rate' },
    { zh: '回访评价为"已解决"的事项 ÷ 参评事项', en: 'items the requester rated as resolved ÷ rated items' },
    RATED,
  ),
  rebound_rate: def(
    'rebound_rate',
    'rate',
    { zh: '反弹率', en: 'Rebound rate' },
    { zh: '回头看发现问题反弹、重新打开的事项 ÷ 已完成回头看的事项', en: 'items reopened because 回头看 found the problem back ÷ items whose 回头看 was done' },
    { zh: '销号后已完成回头看（确认或重新打开）的事项', en: 'items whose 回头看 after closure was done (confirmed or reopened)' },
  ),
  satisfaction_rate: def(
    'satisfaction_rate',
    'rate',
    { zh: '满意率', en: 'Satisfaction rate' },
    { zh: '各满意度等级按权重计分之和 ÷ 参评事项（权重可配置）', en: 'sum of the satisfaction levels, each weighted (configurable) ÷ rated items' },
    RATED,
  ),
};
