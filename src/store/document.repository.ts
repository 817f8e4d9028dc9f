import type { Kysely } from 'kysely';
import type { Instant, TenantId, UserId } from '../domain/ids.js';
import { readInstant, writeInstant } from './convert.js';
import type { CryptoProvider } from './crypto/provider.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';

/** A source document (a meeting readout) kept with its text, so an item's sentence span stays checkable. */
export interface SourceDocument {
  readonly id: string;
  readonly title: string;
  readonly fileName: string | null;
  readonly mediaType: string;
  /** The text the sentence offsets of items refer to (after decoding, before any normalisation). */
  readonly text: string;
  /** SM3 of the UTF-8 text, hex: recorded in events so the provenance is covered by the chain. */
  readonly digest: string;
  readonly createdBy: UserId | null;
  readonly createdAt: Instant;
}

export class DocumentRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly crypto: CryptoProvider,
  ) {}

  /**
   * Stores a document; its digest is computed here.
   * @throws StoreError `already_exists`, `reference_not_found` (tenant).
   */
  async insert(tenantId: TenantId, doc: Omit<SourceDocument, 'digest'>): Promise<SourceDocument> {
    const digest = this.digestOf(doc.text);
    const createdAt = writeInstant(doc.createdAt, 'createdAt');
    await mappingWriteErrors(`document ${doc.id}`, () =>
      this.db
        .insertInto('documents')
        .values({
          tenant_id: tenantId,
          document_id: doc.id,
          title: doc.title,
          file_name: doc.fileName,
          media_type: doc.mediaType,
          text: doc.text,
          digest,
          created_by: doc.createdBy,
          created_at: createdAt,
        })
        .execute(),
    );
    return { ...doc, digest, createdAt };
  }

  async get(tenantId: TenantId, id: string): Promise<SourceDocument | undefined> {
    const r = await this.db.selectFrom('documents').selectAll().where('tenant_id', '=', tenantId).where('document_id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.document_id,
      title: r.title,
      fileName: r.file_name,
      mediaType: r.media_type,
      text: r.text,
      digest: r.digest,
      createdBy: r.created_by,
      createdAt: readInstant(r.created_at),
    };
  }

  /** Every document of a tenant, oldest first (verify holds each to the event that recorded it). */
  async listByTenant(tenantId: TenantId): Promise<SourceDocument[]> {
    const rows = await this.db.selectFrom('documents').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('document_id').execute();
    return rows.map((r) => ({
      id: r.document_id,
      title: r.title,
      fileName: r.file_name,
      mediaType: r.media_type,
      text: r.text,
      digest: r.digest,
      createdBy: r.created_by,
      createdAt: readInstant(r.created_at),
    }));
  }

  /** SM3 of a text as `insert` computes it, hex. */
  digestOf(text: string): string {
    return Buffer.from(this.crypto.hash('sm3', text)).toString('hex');
  }
}
