import { DEFAULT_WARNING_RULES } from '../../warning-rules.js';
import type { LedgerType } from '../definition.js';
import { field, label, options, stage } from './build.js';

/** 一校一方案: one plan per entity of a list (schools), each instantiated from a common template. */
export const SCHOOL_PLAN: LedgerType = {
  key: 'school_plan',
  name: label('一校一方案', 'One plan per school'),
  description: label('按名单逐一制定并落实的方案(如一校一方案)', 'A plan per entity of a list, such as one per school'),
  numberPrefix: '一校一方案',
  fields: [
    field('entity', 'text', '学校(对象)名称', 'School (entity)', { required: true, maxLength: 200 }),
    field('entityCode', 'text', '对象编码', 'Entity code', { maxLength: 60 }),
    field('district', 'text', '所属区县', 'District', { maxLength: 100 }),
    field('entityKind', 'enum', '学段', 'School stage', {
      options: options(
        ['kindergarten', '幼儿园', 'Kindergarten'],
        ['primary', '小学', 'Primary'],
        ['junior', '初中', 'Junior secondary'],
        ['senior', '高中', 'Senior secondary'],
        ['vocational', '职业学校', 'Vocational'],
        ['higher', '高校', 'Higher education'],
        ['other', '其他', 'Other'],
      ),
    }),
    field('template', 'text', '方案模板', 'Template', { maxLength: 200 }),
    field('planMeasures', 'text', '方案措施', 'Measures of the plan'),
    field('planDocument', 'evidence', '方案文本', 'Plan document', { filledAt: 'closure', required: true }),
  ],
  closureStages: [stage('review', '审核', 'Review', { timeLimitWorkingDays: 3 })],
  defaultTimeLimit: { amount: 30, unit: 'calendar_days' },
  defaultCadence: null,
  warningRules: DEFAULT_WARNING_RULES,
  perEntity: { field: 'entity', entity: label('学校', 'school'), leadUnitSuffix: '教育局' },
};
