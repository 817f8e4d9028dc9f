import { DEFAULT_WARNING_RULES } from '../../warning-rules.js';
import type { LedgerType } from '../definition.js';
import { field, label, options, stage } from './build.js';

/**
 * 矛盾纠纷: a dispute screened and mediated (research/ledgers.md §5d). The parties are personal information:
 * encrypted per case, masked in lists (DESIGN.md, Privacy).
 */
export const DISPUTE: LedgerType = {
  key: 'dispute',
  name: label('矛盾纠纷', 'Dispute'),
  description: label('矛盾纠纷排查化解台账;当事人信息属个人信息', 'Dispute screening and mediation ledger; parties are personal information'),
  numberPrefix: '调解',
  /** 上报: a community mediates its own case: it starts at once with the reporter's unit as lead. */
  reporting: { roles: ['handler'], approval: 'none' },
  fields: [
    field('screeningDate', 'date', '排查日期', 'Screening date', { required: true }),
    field('area', 'text', '区域 / 单位', 'Area or organisation', { maxLength: 200 }),
    field('category', 'enum', '纠纷类别', 'Category', {
      required: true,
      options: options(
        ['family', '婚姻家庭', 'Marriage and family'],
        ['neighbourhood', '邻里', 'Neighbours'],
        ['housing_land', '房屋宅基地', 'Housing and homestead'],
        ['land_contract', '土地承包', 'Land contracts'],
        ['labour', '劳动争议', 'Labour'],
        ['contract', '合同', 'Contracts'],
        ['damages', '损害赔偿', 'Damages'],
        ['property_management', '物业', 'Property management'],
        ['expropriation', '征地拆迁', 'Expropriation'],
        ['other', '其他', 'Other'],
      ),
    }),
    field('parties', 'table', '当事人', 'Parties', {
      personal: true,
      required: true,
      columns: [
        { name: 'name', kind: 'text', label: label('姓名', 'Name'), required: true, maxLength: 100 },
        { name: 'gender', kind: 'enum', label: label('性别', 'Gender'), options: options(['female', '女', 'Female'], ['male', '男', 'Male']) },
        { name: 'age', kind: 'integer', label: label('年龄', 'Age'), min: 0, max: 150 },
        { name: 'idNumber', kind: 'text', label: label('身份证号', 'ID number'), maxLength: 30 },
        { name: 'address', kind: 'text', label: label('住址', 'Address'), maxLength: 300 },
        { name: 'phone', kind: 'text', label: label('电话', 'Phone'), maxLength: 30 },
      ],
    }),
    field('peopleInvolved', 'integer', '涉及人数', 'People involved', { min: 0 }),
    field('amountInvolved', 'number', '涉及金额(元)', 'Amount involved (yuan)', { min: 0 }),
    field('riskLevel', 'enum', '风险等级', 'Risk level', {
      required: true,
      options: options(['blue', '蓝', 'Blue'], ['yellow', '黄', 'Yellow'], ['red', '红', 'Red']),
    }),
    field('mediator', 'text', '调解员 / 调解组织', 'Mediator', { maxLength: 200 }),
    field('stabilityMeasures', 'text', '稳控措施', 'Stabilising measures'),
    field('outcome', 'enum', '调解结果', 'Mediation outcome', {
      filledAt: 'closure',
      required: true,
      options: options(
        ['settled', '调解成功', 'Settled'],
        ['partly_settled', '部分达成', 'Partly settled'],
        ['not_settled', '调解不成', 'Not settled'],
        ['referred', '转其他途径', 'Referred elsewhere'],
      ),
    }),
    field('resolvedAtLevel', 'enum', '化解层级', 'Resolved at level', {
      filledAt: 'closure',
      required: true,
      options: options(['community', '社区', 'Community'], ['street', '街道 / 乡镇', 'Street or township'], ['district', '区县', 'District or county'], ['city', '市', 'City']),
    }),
    field('agreement', 'evidence', '调解协议书', 'Mediation agreement', { filledAt: 'closure' }),
    field('judicialConfirmation', 'boolean', '司法确认', 'Judicial confirmation', { filledAt: 'closure' }),
  ],
  closureStages: [stage('review', '审核', 'Review', { timeLimitWorkingDays: 3 }), stage('follow_up', '回访', 'Follow-up visit', { rating: true, timeLimitWorkingDays: 10 })],
  defaultTimeLimit: { amount: 30, unit: 'calendar_days' },
  defaultCadence: null,
  warningRules: DEFAULT_WARNING_RULES,
  // Residents' names and numbers are typed into the free text: exports and notifications mask them.
  maskExports: true,
  maskNotifications: true,
};
