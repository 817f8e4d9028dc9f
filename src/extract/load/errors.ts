import { DomainError, type DomainErrorCode } from '../../domain/errors.js';

type LoadCode = Extract<DomainErrorCode, `readout_${string}`>;

const MESSAGES: Record<LoadCode, [string, string]> = {
  readout_empty: ['The readout is empty', '会议通稿内容为空'],
  readout_too_large: ['The readout is too large', '会议通稿文件过大'],
  readout_binary: ['The file is not text, .docx, .xlsx or .pdf', '文件不是文本、.docx、.xlsx 或 .pdf 格式'],
  readout_encoding: ['The text encoding could not be recognised (UTF-8, GB18030/GBK and UTF-16 are supported)', '无法识别文本编码(支持 UTF-8、GB18030/GBK、UTF-16)'],
  readout_unsupported_format: ['This file format is not supported (use .txt, .docx, .xlsx or .pdf)', '不支持该文件格式(请使用 .txt、.docx、.xlsx 或 .pdf)'],
  readout_corrupt: ['The document is damaged and cannot be read', '文档已损坏,无法读取'],
  readout_bomb: ['The document expands to an implausible size and was refused', '文档解压后体积异常,已拒绝读取'],
};

/** A loader error with its stable code and the standard bilingual message, plus a detail for logs. */
export function loadError(code: LoadCode, detail?: string, details?: Record<string, unknown>): DomainError {
  const [en, zh] = MESSAGES[code];
  return new DomainError(code, detail ? `${en}: ${detail}` : en, detail ? `${zh}:${detail}` : zh, details);
}
