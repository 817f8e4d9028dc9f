import type { Kysely } from 'kysely';
import type { Instant, TenantId } from '../domain/ids.js';
import { readInstant, writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';
import { StoreError } from './errors.js';

export const OFFICIAL_DOCUMENT_KINDS = ['notice', 'urge', 'letter', 'bulletin'] as const;
export type OfficialDocumentKind = (typeof OFFICIAL_DOCUMENT_KINDS)[number];

/** An official document (公文) as kept: its 发文字号 and the model it is rendered from. */
export interface OfficialDocument {
  readonly id: string;
  readonly kind: OfficialDocumentKind;
  readonly itemId: string | null;
  readonly year: number;
  readonly sequence: number;
  readonly number: string;
  readonly title: string;
  readonly status: 'draft' | 'issued';
  readonly data: Readonly<Record<string, unknown>>;
  readonly version: number;
  readonly createdBy: string | null;
  readonly createdAt: Instant;
  readonly issuedAt: Instant | null;
}

type Row = Database['official_documents'] extends infer R ? { [K in keyof R]: unknown } : never;

function toDocument(r: Row): OfficialDocument {
  const data = typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : (r.data as Record<string, unknown>);
  return {
    id: r.document_id as string,
    kind: r.kind as OfficialDocumentKind,
    itemId: (r.item_id as string | null) ?? null,
    year: Number(r.year),
    sequence: Number(r.sequence),
    number: r.number as string,
    title: r.title as string,
    status: r.status as 'draft' | 'issued',
    data,
    version: Number(r.version),
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: readInstant(r.created_at as string | Date),
    issuedAt: r.issued_at === null ? null : readInstant(r.issued_at as string | Date),
  };
}

/** Official documents of a tenant: insert, read, and the draft-only, version-checked change and issue. */
export class OfficialDocumentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** @throws StoreError `already_exists` (same number), `reference_not_found` (tenant or item). */
  async insert(tenantId: TenantId, d: OfficialDocument): Promise<void> {
    await mappingWriteErrors(`document ${d.number}`, () =>
      this.db
        .insertInto('official_documents')
        .values({
          tenant_id: tenantId,
          document_id: d.id,
          kind: d.kind,
          item_id: d.itemId,
          year: d.year,
          sequence: d.sequence,
          number: d.number,
          title: d.title,
          status: d.status,
          data: JSON.stringify(d.data),
          version: d.version,
          created_by: d.createdBy,
          created_at: writeInstant(d.createdAt, 'createdAt'),
          issued_at: d.issuedAt === null ? null : writeInstant(d.issuedAt, 'issuedAt'),
        })
        .execute(),
    );
  }

  async get(tenantId: TenantId, id: string): Promise<OfficialDocument | undefined> {
    const r = await this.db.selectFrom('official_documents').selectAll().where('tenant_id', '=', tenantId).where('document_id', '=', id).executeTakeFirst();
    return r ? toDocument(r) : undefined;
  }

  /** The documents of an item, oldest first. */
  async listByItem(tenantId: TenantId, itemId: string): Promise<OfficialDocument[]> {
    const rows = await this.db
      .selectFrom('official_documents')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('item_id', '=', itemId)
      .orderBy('created_at')
      .orderBy('document_id')
      .execute();
    return rows.map(toDocument);
  }

  /** Documents of a kind, newest first (the 通报 list). */
  async listByKind(tenantId: TenantId, kind: OfficialDocumentKind, limit = 100): Promise<OfficialDocument[]> {
    const rows = await this.db
      .selectFrom('official_documents')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', kind)
      .orderBy('year', 'desc')
      .orderBy('sequence', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toDocument);
  }

  /**
   * Replaces a draft's data (and title, status, issued time) when its version is still `expected`. Issued
   * documents never change: the update names `status = 'draft'`, so an issued row matches nothing.
   * @throws StoreError `version_conflict` when the row changed, was issued, or is gone.
   */
  async updateDraft(tenantId: TenantId, id: string, expected: number, next: Pick<OfficialDocument, 'title' | 'data' | 'status' | 'issuedAt'>): Promise<void> {
    const r = await this.db
      .updateTable('official_documents')
      .set({
        title: next.title,
        data: JSON.stringify(next.data),
        status: next.status,
        issued_at: next.issuedAt === null ? null : writeInstant(next.issuedAt, 'issuedAt'),
        version: expected + 1,
      })
      .where('tenant_id', '=', tenantId)
      .where('document_id', '=', id)
      .where('version', '=', expected)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      throw new StoreError('version_conflict', `Document ${id} changed meanwhile or is issued.`, `文书 ${id} 已被修改或已印发。`);
    }
  }
}
