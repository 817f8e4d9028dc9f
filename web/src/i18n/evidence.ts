import { useTextTable } from './index.js';

/*
 * Texts of evidence on the item page and in its action dialogs: the upload's size limit, files staged in a
 * dialog until its action is submitted, withdrawal (撤回), and inline preview. They load with the item page.
 */

export const evidenceZh = {
  limit: '单个文件不超过 {max}',
  tooLarge: '“{name}”大小为 {size}，超过 {max} 的上限，未上传。',
  staged: '本次上传（提交后列入事项，取消则撤回）',
  remove: '移除',
  withdraw: '撤回',
  withdrawTitle: '撤回“{name}”？',
  withdrawBody: '撤回后该文件不再出现在本事项中；撤回记入事项记录，文件留存备审计。已被报告引用的文件不能撤回。',
  withdrawReason: '撤回原因（选填）',
  withdrawn: '已撤回“{name}”',
  files: '材料：{names}',
  pdfFrame: 'PDF 预览：{name}',
  openInTab: '在新标签页打开',
};

export type EvidenceTextKey = keyof typeof evidenceZh;

export const evidenceEn: Record<EvidenceTextKey, string> = {
  limit: 'Up to {max} a file',
  tooLarge: '“{name}” is {size}, over the limit of {max}; it was not uploaded.',
  staged: 'Uploaded here (part of the item once you submit; withdrawn if you cancel)',
  remove: 'Remove',
  withdraw: 'Withdraw',
  withdrawTitle: 'Withdraw “{name}”?',
  withdrawBody:
    'The file will no longer show on this item; the withdrawal is recorded on the item and the file is kept for the auditor. A file a report cites cannot be withdrawn.',
  withdrawReason: 'Reason for withdrawing (optional)',
  withdrawn: 'Withdrew “{name}”',
  files: 'Files: {names}',
  pdfFrame: 'PDF preview: {name}',
  openInTab: 'Open in a new tab',
};

/** The evidence texts in the user's language. */
export function useEvidenceText(): (key: EvidenceTextKey, values?: Readonly<Record<string, unknown>>) => string {
  return useTextTable(evidenceZh, evidenceEn);
}
