import type { RowActionKind } from '../../../src/contracts/http/exchange.js';
import { useTextTable } from './index.js';

/*
 * Texts of the import preview's table of actions (what each row will do). They load with the import dialog, not
 * with the first page every user opens.
 */

export const iaZh = {
  planned: '导入将执行的操作',
  done: '已执行的操作',
  row: '行',
  number: '编号',
  action: '操作',
  column: '列',
  change: '变化',
  empty: '（空）',
  'kind.create': '新建',
  'kind.edit': '修改',
  'kind.assign': '交办',
  'kind.transfer': '转办',
  'kind.extension': '批准延期',
} satisfies Record<string, string> & Record<`kind.${RowActionKind}`, string>;

export type ImportActionKey = keyof typeof iaZh;

export const iaEn: Record<ImportActionKey, string> = {
  planned: 'What the import will do',
  done: 'What the import did',
  row: 'Row',
  number: 'Number',
  action: 'Action',
  column: 'Column',
  change: 'Change',
  empty: '(empty)',
  'kind.create': 'Create',
  'kind.edit': 'Edit',
  'kind.assign': 'Assign',
  'kind.transfer': 'Transfer',
  'kind.extension': 'Approve extension',
};

export function useImportActionText(): (key: ImportActionKey, values?: Readonly<Record<string, unknown>>) => string {
  return useTextTable(iaZh, iaEn);
}
