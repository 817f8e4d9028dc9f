import { DEFAULT_WARNING_RULES } from '../../warning-rules.js';
import type { LedgerType } from '../definition.js';
import { field, label, options, stage } from './build.js';

/** 整改事项: a problem found by an inspection, audit or 督察, fixed and signed off (research/ledgers.md §5b). */
export const RECTIFICATION: LedgerType = {
  key: 'rectification',
  name: label('整改事项', 'Rectification'),
  description: label(
    '督察、审计、巡视反馈问题的整改台账,验收、公示、审签、上级复核后销号',
    'Problems raised by inspections and audits, closed after acceptance, public notice, sign-off and upper review',
  ),
  numberPrefix: '整改',
  fields: [
    field('problemSource', 'enum', '问题来源', 'Problem source', {
      required: true,
      options: options(
        ['central', '中央交办', 'Assigned by the central level'],
        ['provincial', '省级交办', 'Assigned by the province'],
        ['municipal', '市级交办', 'Assigned by the city'],
        ['self_inspection', '自查', 'Self-inspection'],
      ),
    }),
    field('problem', 'text', '反馈问题', 'Problem as reported', { required: true }),
    field('problemType', 'text', '问题类型', 'Problem type', { maxLength: 100 }),
    field('responsibleLeader', 'text', '责任领导', 'Responsible leader', { maxLength: 100 }),
    field('target', 'text', '整改目标', 'Target', { required: true }),
    field('measures', 'text', '整改措施', 'Measures', { required: true }),
    field('term', 'enum', '整改时限类别', 'Term', {
      options: options(['short', '短期(6个月内)', 'Short (within 6 months)'], ['medium', '中期(1–2年)', 'Medium (1–2 years)'], ['long', '长期(3–5年)', 'Long (3–5 years)']),
    }),
    field('acceptanceUnit', 'text', '验收单位', 'Acceptance unit', { maxLength: 200 }),
    field('noticeChannel', 'text', '公示渠道', 'Public notice channel', { maxLength: 200 }),
    field('antiRebound', 'text', '举一反三 / 防反弹措施', 'Measures against rebound'),
    field('completion', 'text', '完成情况', 'What was done', { filledAt: 'closure', required: true }),
  ],
  closureStages: [
    stage('acceptance', '验收', 'Acceptance', { timeLimitWorkingDays: 10 }),
    stage('public_notice', '公示', 'Public notice', { publicNoticeDays: 7 }),
    stage('sign_off', '审签', 'Sign-off', { by: 'leader', timeLimitWorkingDays: 3 }),
    stage('upper_review', '上级复核', 'Upper-level review', { upperLevel: true, timeLimitWorkingDays: 10 }),
  ],
  defaultTimeLimit: { amount: 180, unit: 'calendar_days' },
  defaultCadence: 'monthly',
  warningRules: DEFAULT_WARNING_RULES,
  // 回头看 a month after 销号: a rectified problem or a removed hazard is checked again for a rebound (反弹).
  recheckAfterDays: 30,
  // The work, never people (责任领导) nor the internal classification (来源, 时限类别).
  disclosure: { fields: ['problem', 'problemType', 'target', 'measures', 'acceptanceUnit', 'completion'] },
};
