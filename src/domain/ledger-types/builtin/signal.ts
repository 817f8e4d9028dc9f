import { DEFAULT_WARNING_RULES } from '../../warning-rules.js';
import type { LedgerType } from '../definition.js';
import { field, label, options, stage } from './build.js';

/**
 * 监测预警信号: an alarm raised by the signals module over aggregate counts (never records about people),
 * to be verified within 24 hours as a true or a false alarm.
 */
export const SIGNAL: LedgerType = {
  key: 'signal',
  name: label('监测预警信号', 'Monitoring signal'),
  description: label('监测预警信号核实台账,24小时内核实真假', 'Alarms from monitoring, verified within 24 hours'),
  numberPrefix: '预警',
  fields: [
    field('region', 'text', '地区', 'Region', { required: true, maxLength: 200 }),
    field('indicator', 'text', '监测指标', 'Indicator', { required: true, maxLength: 200 }),
    field('series', 'text', '序列', 'Series key', { required: true, maxLength: 300 }),
    field('period', 'text', '时段', 'Period', { required: true, maxLength: 40 }),
    field('algorithm', 'enum', '预警算法', 'Algorithm', {
      required: true,
      options: options(
        ['farrington_flexible', 'Farrington(灵活)', 'Farrington flexible'],
        ['farrington', 'Farrington(原始)', 'Farrington original'],
        ['ears_c1', 'EARS C1', 'EARS C1'],
        ['ears_c2', 'EARS C2', 'EARS C2'],
        ['ears_c3', 'EARS C3', 'EARS C3'],
        ['cusum', 'CUSUM', 'CUSUM'],
        ['glr_nb', 'GLR(负二项)', 'GLR (negative binomial)'],
        ['moving_percentile', '移动百分位数法', 'Moving percentile (CIDARS)'],
      ),
    }),
    field('observed', 'number', '观测值', 'Observed', { required: true, min: 0 }),
    field('threshold', 'number', '预警阈值', 'Threshold', { required: true }),
    field('expected', 'number', '期望值', 'Expected'),
    field('verification', 'enum', '核实结果', 'Verification outcome', {
      filledAt: 'closure',
      required: true,
      options: options(['true_alarm', '真实预警', 'True alarm'], ['false_alarm', '误报', 'False alarm']),
    }),
    field('verificationNote', 'text', '核实情况', 'Verification note', { filledAt: 'closure' }),
  ],
  closureStages: [stage('review', '审核', 'Review', { timeLimitWorkingDays: 1 })],
  defaultTimeLimit: { amount: 24, unit: 'hours' },
  defaultCadence: null,
  warningRules: { ...DEFAULT_WARNING_RULES, warnWorkingDays: 0, acceptWithinWorkingDays: 0, stageWaitWorkingDays: 1 },
};
