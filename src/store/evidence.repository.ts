import type { Kysely } from 'kysely';
import type { Instant, ItemId, TenantId, UserId } from '../domain/ids.js';
import { readInstant, readInt, writeInstant } from './convert.js';
import type { Database } from './database.js';
import { mappingWriteErrors } from './db-errors.js';
import { StoreError } from './errors.js';

/** A file attached to an item (佐证材料). The bytes live in file storage under `storageKey`. */
export interface Evidence {
  readonly id: string;
  readonly itemId: ItemId;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  /** Digest of the bytes as `algorithm:hex` (e.g. `sm3:…`), checked when the file is served. */
  readonly digest: string;
  readonly storageKey: string;
  readonly uploadedBy: UserId;
  readonly uploadedAt: Instant;
}

type EvidenceRow = {
  evidence_id: string;
  item_id: string;
  file_name: string;
  media_type: string;
  size_bytes: string | number;
  digest: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Date | string;
};

const toEvidence = (r: EvidenceRow): Evidence => ({
  id: r.evidence_id,
  itemId: r.item_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  sizeBytes: readInt(r.size_bytes),
  digest: r.digest,
  storageKey: r.storage_key,
  uploadedBy: r.uploaded_by,
  uploadedAt: readInstant(r.uploaded_at),
});

export class EvidenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * @throws StoreError `already_exists`, `reference_not_found` (item), `invalid_input` (negative size).
   */
  async insert(tenantId: TenantId, e: Evidence): Promise<void> {
    if (!Number.isSafeInteger(e.sizeBytes) || e.sizeBytes < 0) {
      throw new StoreError('invalid_input', `evidence size must be a whole number of bytes`, `佐证材料大小必须是非负整数字节数`);
    }
    await mappingWriteErrors(`evidence ${e.fileName}`, () =>
      this.db
        .insertInto('evidence')
        .values({
          tenant_id: tenantId,
          evidence_id: e.id,
          item_id: e.itemId,
          file_name: e.fileName,
          media_type: e.mediaType,
          size_bytes: e.sizeBytes,
          digest: e.digest,
          storage_key: e.storageKey,
          uploaded_by: e.uploadedBy,
          uploaded_at: writeInstant(e.uploadedAt, 'uploadedAt'),
        })
        .execute(),
    );
  }

  async get(tenantId: TenantId, id: string): Promise<Evidence | undefined> {
    const r = await this.db.selectFrom('evidence').selectAll().where('tenant_id', '=', tenantId).where('evidence_id', '=', id).executeTakeFirst();
    return r ? toEvidence(r) : undefined;
  }

  async listByItem(tenantId: TenantId, itemId: ItemId): Promise<Evidence[]> {
    const rows = await this.db
      .selectFrom('evidence')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('item_id', '=', itemId)
      .orderBy('uploaded_at')
      .orderBy('evidence_id')
      .execute();
    return rows.map(toEvidence);
  }

  /** Every file record of a tenant, by item, upload time and id (for verification against the events). */
  async listByTenant(tenantId: TenantId): Promise<Evidence[]> {
    const rows = await this.db.selectFrom('evidence').selectAll().where('tenant_id', '=', tenantId).orderBy('item_id').orderBy('uploaded_at').orderBy('evidence_id').execute();
    return rows.map(toEvidence);
  }

  /** How many files, of any tenant, are stored under this key (before a stored file is removed). */
  async countByStorageKey(storageKey: string): Promise<number> {
    const r = await this.db
      .selectFrom('evidence')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('storage_key', '=', storageKey)
      .executeTakeFirstOrThrow();
    return readInt(r.n as string | number);
  }
}
