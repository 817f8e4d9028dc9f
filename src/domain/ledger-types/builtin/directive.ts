import { DEFAULT_WARNING_RULES } from '../../warning-rules.js';
import type { LedgerType } from '../definition.js';
import { field, label, options, stage } from './build.js';

/** 会议部署事项 / 督办事项: a directive of a readout or a leader's instruction (research/ledgers.md §5a). */
export const DIRECTIVE: LedgerType = {
  key: 'directive',
  name: label('会议部署事项', 'Meeting directive'),
  description: label('会议决定、领导批示等督办事项,保留来源文件与原文位置', 'Supervised work from meeting decisions and instructions, with its source kept'),
  numberPrefix: '督办',
  fields: [
    field('category', 'enum', '事项类别', 'Category', {
      required: true,
      options: options(
        ['meeting_decision', '会议决定', 'Meeting decision'],
        ['leader_instruction', '领导批示', 'Leader instruction'],
        ['key_task', '重点工作', 'Key task'],
        ['major_project', '重大项目', 'Major project'],
        ['proposal', '建议提案', 'Deputy proposal'],
        ['other', '其他', 'Other'],
      ),
    }),
    field('sourceName', 'text', '来源(会议名称、批示文件、文号)', 'Source (meeting, instruction, document number)', { maxLength: 500 }),
    field('sourceDate', 'date', '来源时间', 'Source date'),
    field('assigningLeader', 'text', '批示(交办)领导', 'Instructing leader', { maxLength: 100 }),
    field('responsibleLeader', 'text', '分管领导', 'Leader in charge', { maxLength: 100 }),
    field('completionStandard', 'text', '完成标准', 'Completion standard'),
    field('deliverable', 'text', '成果形式', 'Deliverable'),
    field('workPlan', 'text', '工作计划', 'Work plan'),
    field('outcome', 'text', '办理结果', 'Outcome', { filledAt: 'closure', required: true }),
  ],
  closureStages: [stage('review', '审核', 'Review', { timeLimitWorkingDays: 3 })],
  defaultTimeLimit: { amount: 30, unit: 'calendar_days' },
  defaultCadence: 'monthly',
  warningRules: DEFAULT_WARNING_RULES,
};
