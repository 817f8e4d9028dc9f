import type { Kysely } from 'kysely';
import type { Instant, TenantId, UserId } from '../domain/ids.js';
import { readInstant, readJson, writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';
import { StoreError } from './errors.js';

export type ReadoutDraftStatus = 'open' | 'confirmed' | 'discarded';

/** A readout draft: the extracted directives of a stored document as edited so far (`data` is the app's). */
export interface ReadoutDraft {
  readonly id: string;
  readonly documentId: string;
  readonly status: ReadoutDraftStatus;
  readonly data: unknown;
  readonly createdBy: UserId;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  readonly version: number;
}

type Row = {
  draft_id: string;
  document_id: string;
  status: string;
  data: unknown;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
};

const toDraft = (r: Row): ReadoutDraft => ({
  id: r.draft_id,
  documentId: r.document_id,
  status: r.status as ReadoutDraftStatus,
  data: readJson(r.data),
  createdBy: r.created_by,
  createdAt: readInstant(r.created_at),
  updatedAt: readInstant(r.updated_at),
  version: r.version,
});

export class ReadoutDraftRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** @throws StoreError `already_exists`, `reference_not_found` (document). */
  async insert(tenantId: TenantId, d: Omit<ReadoutDraft, 'version' | 'updatedAt'>): Promise<void> {
    await mappingWriteErrors(`readout draft ${d.id}`, () =>
      this.db
        .insertInto('readout_drafts')
        .values({
          tenant_id: tenantId,
          draft_id: d.id,
          document_id: d.documentId,
          status: d.status,
          data: JSON.stringify(d.data),
          created_by: d.createdBy,
          created_at: writeInstant(d.createdAt, 'createdAt'),
          updated_at: writeInstant(d.createdAt, 'updatedAt'),
          version: 1,
        })
        .execute(),
    );
  }

  async get(tenantId: TenantId, id: string): Promise<ReadoutDraft | undefined> {
    const r = await this.db.selectFrom('readout_drafts').selectAll().where('tenant_id', '=', tenantId).where('draft_id', '=', id).executeTakeFirst();
    return r ? toDraft(r) : undefined;
  }

  /** The drafts one person started, newest first (导入记录). */
  async listByAuthor(tenantId: TenantId, userId: UserId, limit: number): Promise<ReadoutDraft[]> {
    const rows = await this.db
      .selectFrom('readout_drafts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('created_by', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('draft_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toDraft);
  }

  /**
   * Replaces the draft's data and status if nobody changed it since `expectedVersion`.
   * @throws StoreError `version_conflict`.
   */
  async update(tenantId: TenantId, id: string, expectedVersion: number, next: { status: ReadoutDraftStatus; data: unknown }, at: Instant): Promise<void> {
    const r = await this.db
      .updateTable('readout_drafts')
      .set({ status: next.status, data: JSON.stringify(next.data), updated_at: writeInstant(at, 'updatedAt'), version: expectedVersion + 1 })
      .where('tenant_id', '=', tenantId)
      .where('draft_id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) {
      throw new StoreError('version_conflict', `readout draft ${id} was changed by someone else; reload it`, `会议稿草稿 ${id} 已被他人修改,请刷新后重试`, {
        draftId: id,
        expectedVersion,
      });
    }
  }
}
