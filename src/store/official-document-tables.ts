import type { InstantColumn, JsonColumn, NullableInstantColumn } from './database.js';

/* Row type of the official documents table (migration 202612071400_official_documents). */

export interface OfficialDocumentsTable {
  tenant_id: string;
  document_id: string;
  kind: string;
  item_id: string | null;
  year: number;
  sequence: number;
  number: string;
  title: string;
  status: string;
  data: JsonColumn;
  version: number;
  created_by: string | null;
  created_at: InstantColumn;
  issued_at: NullableInstantColumn;
}

export interface OfficialDocumentTables {
  official_documents: OfficialDocumentsTable;
}
