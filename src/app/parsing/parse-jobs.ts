import { sniffEvidenceType } from '../evidence/file-types.js';
import { extractDocument, loadReadout, type LoadedReadout, type ReadoutExtraction } from '../../extract/index.js';

/**
 * What a parser may spend on one file besides time and memory (the pool enforces those): a readout is a few
 * pages and a few hundred paragraphs, so these bounds are generous for real files and small for hostile ones.
 */
export interface ParseBudget {
  /** Total uncompressed bytes of a .docx archive. */
  readonly maxUncompressedBytes: number;
  readonly maxZipEntries: number;
  /** Paragraphs of a .docx body. */
  readonly maxParagraphs: number;
  /** Pages of a .pdf. */
  readonly maxPages: number;
}

export const DEFAULT_PARSE_BUDGET: ParseBudget = { maxUncompressedBytes: 32 * 1024 * 1024, maxZipEntries: 2000, maxParagraphs: 20_000, maxPages: 200 };

/** The jobs a parser runs: each turns untrusted bytes into plain, structured-cloneable data. */
export type ParseJob =
  { readonly kind: 'readout'; readonly bytes: Uint8Array; readonly meetingDate: string | null } | { readonly kind: 'evidence_type'; readonly bytes: Uint8Array };

export interface ParsedReadout {
  readonly loaded: LoadedReadout;
  readonly extraction: ReadoutExtraction;
}

export interface ParseResults {
  readout: ParsedReadout;
  evidence_type: string | null;
}

export type ParseResult<J extends ParseJob> = ParseResults[J['kind']];

/** Runs one job in the current thread (the pool's workers call this; so does the command line, on its own files). */
export async function runParseJob<J extends ParseJob>(job: J, budget: ParseBudget = DEFAULT_PARSE_BUDGET): Promise<ParseResult<J>> {
  return (await run(job, budget)) as ParseResult<J>;
}

async function run(job: ParseJob, budget: ParseBudget): Promise<ParseResults[ParseJob['kind']]> {
  switch (job.kind) {
    case 'readout': {
      const loaded = await loadReadout(job.bytes, {
        zipLimits: { maxUncompressed: budget.maxUncompressedBytes, maxEntries: budget.maxZipEntries },
        maxParagraphs: budget.maxParagraphs,
        maxPages: budget.maxPages,
      });
      // Prose and task tables (one directive per row) alike.
      return { loaded, extraction: extractDocument(loaded, { meetingDate: job.meetingDate }) };
    }
    case 'evidence_type':
      return sniffEvidenceType(job.bytes);
  }
}
