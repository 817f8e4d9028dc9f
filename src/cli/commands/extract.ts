import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { DomainError } from '../../domain/errors.js';
import { isLocalDate } from '../../domain/time.js';
import { extractDocument } from '../../extract/document.js';
import { DEFAULT_MAX_BYTES, loadReadout, type LoadedReadout } from '../../extract/load/load-readout.js';
import type { ExtractedDirective, ReadoutExtraction } from '../../extract/types.js';
import { processOutput, type Output } from '../output.js';

interface ExtractFlags {
  date?: string;
  json?: boolean;
}

/** Adds `luoshi extract FILE [--date YYYY-MM-DD] [--json]`: the directives of a readout as a tree or as JSON. */
export function registerExtract(program: Command, o: Output = processOutput): void {
  program
    .command('extract')
    .description('Extract the directives (部署事项) of a meeting readout (.txt in UTF-8/GB18030/UTF-16, .docx, .xlsx, .pdf; task tables row by row)')
    .argument('<file>', 'the readout file')
    .option('--date <YYYY-MM-DD>', 'meeting date, when the text does not state the year')
    .option('--json', 'print JSON instead of a tree')
    .action(async (file: string, flags: ExtractFlags) => {
      process.exitCode = await runExtract(file, flags, o);
    });
}

/** The command's work; returns the exit code (0 ok, 1 bad input, 2 usage). */
export async function runExtract(file: string, flags: ExtractFlags, o: Output): Promise<number> {
  if (flags.date !== undefined && !isLocalDate(flags.date)) {
    o.err(`日期格式应为 YYYY-MM-DD / --date must be YYYY-MM-DD: ${flags.date}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    // Refuse oversized files before reading them into memory.
    if (statSync(file).size > DEFAULT_MAX_BYTES) throw new DomainError('readout_too_large', `File is larger than ${DEFAULT_MAX_BYTES} bytes`, `文件超过 ${DEFAULT_MAX_BYTES} 字节`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof DomainError) return fail(o, e);
    o.err(`无法读取文件 / cannot read file: ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return 1;
  }
  try {
    const loaded = await loadReadout(bytes);
    const result = extractDocument(loaded, { meetingDate: flags.date ?? null });
    if (flags.json) o.out(JSON.stringify(toJson(result, loaded), null, 2));
    else o.out(renderTree(result));
    return 0;
  } catch (e) {
    if (e instanceof DomainError) return fail(o, e);
    throw e;
  }
}

function fail(o: Output, e: DomainError): number {
  o.err(`错误 ${e.code}: ${e.messageZh}\nerror ${e.code}: ${e.message}`);
  return 1;
}

/** The JSON of the CLI (and the shape the import builds draft items from). */
export function toJson(result: ReadoutExtraction, loaded: LoadedReadout) {
  return {
    document: { ...result.document, format: loaded.format, encoding: loaded.encoding },
    directives: result.directives.map((d) => ({
      i: d.i,
      text: d.text,
      start: d.start,
      end: d.end,
      kind: d.kind,
      level: d.level,
      parent: d.parent,
      topic: d.topic,
      lead: d.lead,
      lead_explicit: d.lead_explicit,
      lead_text: d.lead_text,
      co: d.co,
      ...(d.table_row ? { table_row: d.table_row } : {}),
      deadline: d.deadline,
      deadline_alt: d.deadline_alt,
      ongoing: d.ongoing,
      cadence: d.cadence,
    })),
    notes: [...loaded.notes, ...result.notes],
  };
}

const KIND_ZH = { task: '任务', exhortation: '要求' } as const;

/** A readable outline: one block per directive, children indented under their numbered headline. */
export function renderTree(result: ReadoutExtraction): string {
  const d = result.document;
  const lines = [`${d.title ?? '(无标题 / untitled)'}  会议日期 ${d.meeting_date ?? '未知'} · ${d.script === 'traditional' ? '繁体' : '简体'}`];
  if (result.directives.length === 0) lines.push('(未发现部署事项 / no directives found)');
  for (const x of result.directives) lines.push(...block(x));
  for (const n of result.notes) lines.push(`注意 / note: ${n}`);
  return lines.join('\n');
}

function block(x: ExtractedDirective): string[] {
  const pad = x.level === 2 ? '    ' : '';
  const lead = x.lead.length ? `${x.lead_explicit ? '牵头(点名)' : '牵头(建议)'} ${x.lead.join('、')}` : '牵头 —';
  const co = x.co.length ? ` · 配合 ${x.co.join('、')}` : '';
  const due = x.deadline ? ` · 时限 ${x.deadline.phrase} → ${x.deadline.date ?? '日期待定'}` : '';
  const ongoing = x.ongoing ? ` · 长期${x.cadence ? `(${x.cadence})` : ''}` : '';
  return [`${pad}[${x.i}] ${KIND_ZH[x.kind]} · ${x.topic} · ${lead}${co}${due}${ongoing}`, `${pad}    ${x.text}`];
}
