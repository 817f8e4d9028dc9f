import type { FieldValues } from './fields.js';

/**
 * A valid set of draft fields and of closure fields for each built-in type, as a user would fill them in.
 * Used by the tests of the loop and the ledger types, and handy for demo data.
 */
export const EXAMPLE_FIELDS: Readonly<Record<string, { draft: FieldValues; closure: FieldValues }>> = {
  directive: {
    draft: { category: 'meeting_decision', sourceName: '市委常委会会议(2020年9月12日)', sourceDate: '2020-09-12', completionStandard: '机制建立并运行' },
    closure: { outcome: '已建立常态化检查机制,印发工作方案' },
  },
  rectification: {
    draft: { problemSource: 'central', problem: '部分河段污水直排', target: '消除直排口', measures: '截污纳管,建设一体化处理设施', term: 'short' },
    closure: { completion: '12个直排口全部完成截污' },
  },
  hazard: {
    draft: { inspectionDate: '2026-03-02', place: '某化工园区3号仓库', category: 'fire', level: 'general', photosBefore: ['file:before-1'] },
    closure: { photosAfter: ['file:after-1'] },
  },
  dispute: {
    draft: {
      screeningDate: '2026-03-01',
      category: 'neighbourhood',
      parties: [
        { name: '张某', gender: 'male', age: 52, phone: '13800000000' },
        { name: '李某', gender: 'female' },
      ],
      riskLevel: 'yellow',
    },
    closure: { outcome: 'settled', resolvedAtLevel: 'community', agreement: ['file:agreement'] },
  },
  appeal: {
    draft: { enterprise: '某某科技有限公司', contact: [{ name: '王经理', phone: '13900000000' }], appealType: 'rent', channel: 'hotline_12345' },
    closure: { response: '已协调减免三个月租金' },
  },
  signal: {
    draft: { region: '东区', indicator: '流感样病例', series: 'east/ili', period: '2026-W10', algorithm: 'farrington_flexible', observed: 42, threshold: 30.5 },
    closure: { verification: 'false_alarm', verificationNote: '统计口径调整所致' },
  },
  school_plan: {
    draft: { entity: '第一中学', entityKind: 'senior', template: '秋季开学防控方案' },
    closure: { planDocument: ['file:plan.docx'] },
  },
};
