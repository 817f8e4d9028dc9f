/**
 * The ledger's bulk actions: each selected item is acted on by the same use case as on its own page. Apart from
 * the dialog so that the ledger's first chunk names them without loading it.
 */
export const BULK_ACTIONS = ['assign', 'urge', 'transfer', 'cancel'] as const;
export type BulkSlug = (typeof BULK_ACTIONS)[number];
