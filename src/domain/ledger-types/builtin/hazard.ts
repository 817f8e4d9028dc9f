import { DEFAULT_WARNING_RULES } from '../../warning-rules.js';
import type { Condition, LedgerType } from '../definition.js';
import { field, label, options, stage } from './build.js';

const MAJOR: Condition = { field: 'level', in: ['major'] };
const GENERAL: Condition = { field: 'level', in: ['general'] };

/**
 * 安全隐患: a hazard found in an inspection (research/ledgers.md §5c). A 重大 hazard needs all five 落实
 * (责任, 措施, 资金, 时限, 预案) and a 复查验收 within 10 working days of the request.
 */
export const HAZARD: LedgerType = {
  key: 'hazard',
  name: label('安全隐患', 'Safety hazard'),
  description: label('隐患排查治理台账;重大隐患须五落实并复查验收', 'Hazard inspection ledger; major hazards need the five assurances and a re-inspection'),
  numberPrefix: '隐患',
  /** 上报: a 网格员 or safety inspector reports what they found; the supervisor 立项 and 交办. */
  reporting: { roles: ['handler'], approval: 'required' },
  fields: [
    field('inspectionDate', 'date', '排查日期', 'Inspection date', { required: true }),
    field('inspectionType', 'enum', '排查类型', 'Inspection type', {
      options: options(['routine', '日常', 'Routine'], ['special', '专项', 'Special'], ['seasonal', '季节性', 'Seasonal'], ['holiday', '节假日', 'Holiday']),
    }),
    field('inspectors', 'text', '排查人员', 'Inspectors', { maxLength: 200 }),
    field('place', 'text', '单位 / 部位 / 场所', 'Site', { required: true, maxLength: 500 }),
    field('category', 'enum', '隐患类别', 'Category', {
      required: true,
      options: options(
        ['equipment', '设备设施', 'Equipment'],
        ['electrical', '电气', 'Electrical'],
        ['fire', '消防', 'Fire'],
        ['hazardous_chemicals', '危险化学品', 'Hazardous chemicals'],
        ['structure', '建筑结构', 'Structure'],
        ['traffic', '交通', 'Traffic'],
        ['management', '管理', 'Management'],
        ['other', '其他', 'Other'],
      ),
    }),
    field('level', 'enum', '隐患等级', 'Level', { required: true, options: options(['general', '一般', 'General'], ['major', '重大', 'Major']) }),
    field('possibleConsequence', 'text', '可能后果', 'Possible consequence'),
    field('responsibility', 'text', '责任落实(责任单位、责任人)', 'Responsibility', { requiredWhen: MAJOR, maxLength: 500 }),
    field('measures', 'text', '措施落实(整改措施)', 'Measures', { requiredWhen: MAJOR }),
    field('funds', 'number', '资金落实(元)', 'Funds (yuan)', { requiredWhen: MAJOR, min: 0 }),
    field('timeLimit', 'date', '时限落实(整改期限)', 'Time limit', { requiredWhen: MAJOR }),
    field('contingencyPlan', 'text', '预案落实(临时管控、应急措施)', 'Contingency plan', { requiredWhen: MAJOR }),
    // 挂牌督办 is no field: it is a loop action (ListItem / UnlistItem) on the chain, read from `item.listing`.
    field('photosBefore', 'evidence', '整改前照片', 'Photos before'),
    field('photosAfter', 'evidence', '整改后照片', 'Photos after', { filledAt: 'closure', required: true }),
  ],
  closureStages: [
    stage('acceptance', '验收', 'Acceptance', { appliesWhen: GENERAL, timeLimitWorkingDays: 5 }),
    stage('recheck', '复查验收', 'Re-inspection', { appliesWhen: MAJOR, timeLimitWorkingDays: 10 }),
  ],
  defaultTimeLimit: { amount: 15, unit: 'working_days' },
  defaultCadence: null,
  warningRules: DEFAULT_WARNING_RULES,
  // 回头看 a month after 销号: a rectified problem or a removed hazard is checked again for a rebound (反弹).
  recheckAfterDays: 30,
};
