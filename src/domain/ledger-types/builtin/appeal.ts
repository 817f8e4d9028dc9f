import { DEFAULT_WARNING_RULES } from '../../warning-rules.js';
import type { LedgerType } from '../definition.js';
import { field, label, options, stage } from './build.js';

/**
 * 企业诉求: a business's appeal (租金, 税费, 社保 … as in the seed readout), answered and followed up with a
 * satisfaction rating. The contact person is personal information. Time limits after 枣庄: start within 1
 * working day, solve within 10.
 */
export const APPEAL: LedgerType = {
  key: 'appeal',
  name: label('企业诉求', 'Business appeal'),
  description: label('企业诉求办理台账,办结后回访评价', 'Business appeals, answered and followed up with a rating'),
  numberPrefix: '诉求',
  /** 上报: a clerk registers an appeal; the supervisor 立项 and 交办. */
  reporting: { roles: ['handler'], approval: 'required' },
  fields: [
    field('enterprise', 'text', '企业名称', 'Enterprise', { required: true, maxLength: 200 }),
    field('creditCode', 'text', '统一社会信用代码', 'Unified social credit code', { maxLength: 18 }),
    field('contact', 'table', '联系人', 'Contact', {
      personal: true,
      required: true,
      columns: [
        { name: 'name', kind: 'text', label: label('姓名', 'Name'), required: true, maxLength: 100 },
        { name: 'phone', kind: 'text', label: label('电话', 'Phone'), maxLength: 30 },
        { name: 'position', kind: 'text', label: label('职务', 'Position'), maxLength: 100 },
      ],
    }),
    field('appealType', 'enum', '诉求类型', 'Appeal type', {
      required: true,
      options: options(
        ['rent', '租金', 'Rent'],
        ['tax_fees', '税费', 'Taxes and fees'],
        ['social_insurance', '社保', 'Social insurance'],
        ['financing', '融资', 'Financing'],
        ['employment', '用工', 'Staffing'],
        ['sales', '销售', 'Sales'],
        ['land', '用地', 'Land'],
        ['approval', '审批', 'Approvals'],
        ['other', '其他', 'Other'],
      ),
    }),
    field('channel', 'enum', '受理渠道', 'Channel', {
      options: options(
        ['hotline_12345', '12345热线', '12345 hotline'],
        ['service_centre', '政务服务中心', 'Service centre'],
        ['visit', '走访', 'Visit'],
        ['forum', '座谈会', 'Forum'],
        ['online', '网上平台', 'Online platform'],
        ['other', '其他', 'Other'],
      ),
    }),
    field('urgency', 'enum', '紧急程度', 'Urgency', { options: options(['normal', '一般', 'Normal'], ['urgent', '紧急', 'Urgent']) }),
    field('response', 'text', '答复意见', 'Response', { filledAt: 'closure', required: true }),
  ],
  closureStages: [stage('review', '审核', 'Review', { timeLimitWorkingDays: 2 }), stage('follow_up', '回访', 'Follow-up visit', { rating: true, timeLimitWorkingDays: 5 })],
  defaultTimeLimit: { amount: 10, unit: 'working_days' },
  defaultCadence: null,
  warningRules: { ...DEFAULT_WARNING_RULES, acceptWithinWorkingDays: 1, warnWorkingDays: 2 },
  // Residents' names and numbers are typed into the free text: exports and notifications mask them.
  maskExports: true,
  maskNotifications: true,
};
