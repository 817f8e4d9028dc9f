import type { z } from 'zod';

/** Field names of plans and results in the words of the forms, for messages in Chinese. */
const FIELD_ZH: Readonly<Record<string, string>> = {
  title: '名称',
  unitId: '检查单位',
  cadence: '检查频次',
  checklist: '检查表',
  places: '检查对象清单',
  name: '名称',
  district: '区县',
  address: '地址',
  key: '编号',
  label: '检查项',
  category: '类别',
  startsOn: '开始日期',
  endsOn: '结束日期',
  lines: '检查结果',
  result: '结果',
  note: '说明',
  photos: '照片',
  hazard: '隐患信息',
  level: '隐患等级',
};

/** What is wrong, in Chinese, by the kind of the issue zod found. */
function problemZh(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return '缺失或类型不对';
    case 'invalid_value':
      return `取值无效，应为 ${issue.values.map(String).join('、')} 之一`;
    case 'too_small':
      return issue.origin === 'array' ? `至少 ${String(issue.minimum)} 项` : '不能为空';
    case 'too_big':
      return `超过上限 ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `不认识的字段 ${issue.keys.join('、')}`;
    case 'invalid_format':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
    case 'custom':
      return '格式不正确';
  }
}

/** Where and what the first issue is, in English and Chinese: `places.3.name` → `检查对象清单第 4 项 名称`. */
export function describeIssue(issue: z.core.$ZodIssue): { en: string; zh: string } {
  const at = issue.path.map(String).join('.') || '—';
  const zhAt = issue.path.map((p) => (typeof p === 'number' ? `第 ${p + 1} 项` : (FIELD_ZH[String(p)] ?? String(p)))).join(' ') || '—';
  return { en: `${at}: ${issue.message}`, zh: `${zhAt}：${problemZh(issue)}` };
}
