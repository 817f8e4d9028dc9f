import type { LocalDate } from '../domain/ids.js';

/** The fixed topic list of the annotation guidelines (§6). */
export const TOPICS = [
  '疫情防控与公共卫生',
  '经济运行与复工复产',
  '就业与社会保障',
  '市场主体与营商环境',
  '消费与流通',
  '教育',
  '科技创新',
  '生态环境',
  '安全生产与城市安全',
  '社会稳定与矛盾纠纷',
  '民生服务',
  '党的建设与干部作风',
  '学习传达',
  '农业农村',
  '城市建设与管理',
  '其他',
] as const;
export type Topic = (typeof TOPICS)[number];

export type DirectiveKind = 'task' | 'exhortation';
export type Script = 'simplified' | 'traditional';
export type Cadence = 'daily' | 'weekly' | 'semimonthly' | 'monthly' | 'quarterly' | 'semiannual' | 'yearly' | 'periodic';

/** One entry of a department catalogue (the shape of ../shared/corpus/departments.json plus keywords). */
export interface Department {
  /** Stable short id, unique in the catalogue. */
  id: string;
  /** Canonical name; `lead` lists these. */
  name: string;
  type?: string;
  /** Other names of the same body, at any level (区卫健局 …). */
  aliases: string[];
  /** Offices housed in or represented by the body (安委办 → 应急管理局). Parenthesised short forms count. */
  covers: string[];
  /** Free-text remit; its words suggest the body as lead when no unit is named. */
  remit: string;
  /** Extra remit terms (optional). */
  keywords?: string[];
}

export interface DepartmentCatalogue {
  departments: Department[];
}

/** A time expression of a directive and the date it resolves to (the last day of the period). */
export interface DeadlineResult {
  /** The expression as written in the input (a substring of the directive's `text`). */
  phrase: string;
  /** `YYYY-MM-DD`, or null when the meeting year is unknown, the phrase cannot be resolved or the calendar does not cover it. */
  date: LocalDate | null;
  /** Why `date` is null when it is (e.g. working days in a year the official calendar does not cover). */
  note?: string;
}

/** One directive (部署事项) found in a readout. Field names are those of the CLI's JSON. */
export interface ExtractedDirective {
  /** 0-based position among the directives, in document order. */
  i: number;
  /** The exact sentence unit as it stands in the input (the directive's content and provenance). */
  text: string;
  /** A register title for the ledger: ≤ 30 characters, without attribution, numbering or modal (加强大中型企业融资信贷支持). */
  title: string;
  /** Character offsets of `text` in the input (JS string indices, end exclusive). */
  start: number;
  end: number;
  /** 0-based index of the paragraph (non-empty line) the unit is on. */
  para: number;
  kind: DirectiveKind;
  level: 1 | 2;
  /** `i` of the numbered headline this directive elaborates, or null. */
  parent: number | null;
  topic: Topic;
  /** Canonical catalogue names, best first. */
  lead: string[];
  /** True when the sentence itself names the lead units as actors. */
  lead_explicit: boolean;
  /** Surface forms of the named actors (empty unless explicit). */
  lead_text: string[];
  /** Co-units (配合 / 协同 / 协助), canonical names. */
  co: string[];
  /** Surface forms of the co-units, parallel to `co`, when a task table named them. */
  co_text?: string[];
  /** For a row of a task table: which table of the document (0-based) and which row of it (header included). */
  table_row?: { table: number; row: number };
  deadline: DeadlineResult | null;
  /** Further time expressions of the sentence, in text order. */
  deadline_alt: DeadlineResult[];
  /** Ongoing work (长期坚持, a report cadence) rather than a one-off deadline. */
  ongoing: boolean;
  cadence: Cadence | null;
}

export interface ReadoutDocument {
  title: string | null;
  meeting_date: LocalDate | null;
  script: Script;
}

/** What `extractReadout` returns. */
export interface ReadoutExtraction {
  document: ReadoutDocument;
  directives: ExtractedDirective[];
  /** Remarks a person should see (e.g. the meeting year was not stated, so dates stay empty). */
  notes: string[];
}
