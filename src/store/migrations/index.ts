import type { Migration } from 'kysely';
import * as m202611261200 from './202611261200_organisation.js';
import * as m202611261210 from './202611261210_items.js';
import * as m202611261220 from './202611261220_event_chain.js';
import * as m202611271300 from './202611271300_accounts.js';
import * as m202611271400 from './202611271400_signals.js';
import * as m202611271500 from './202611271500_readouts.js';
import * as m202611271600 from './202611271600_job_runs.js';
import * as m202611271700 from './202611271700_ledger_configs.js';
import * as m202611271800 from './202611271800_refuse.js';
import * as m202611271810 from './202611271810_account_notify.js';
import * as m202612071200 from './202612071200_account_requests.js';
import * as m202612071300 from './202612071300_holiday_notices.js';
import * as m202612071400 from './202612071400_official_documents.js';
import * as m202612071600 from './202612071600_notifications.js';
import * as m202612071800 from './202612071800_event_types.js';
import * as m202612072000 from './202612072000_item_metric_columns.js';
import * as m202612072010 from './202612072010_item_move_columns.js';
import * as m202612080200 from './202612080200_inspections.js';
import * as m202612080300 from './202612080300_item_list_indexes.js';
import * as m202612090100 from './202612090100_signing_policy.js';
import * as m202612090200 from './202612090200_item_recheck_column.js';
import * as m202612100100 from './202612100100_signal_indicator_switch.js';

/**
 * Every migration the code knows, by name, in order. An in-code list rather than a folder scan, so the
 * bundle and the tests see exactly the same set. Append new ones; never rename or edit released ones.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '202611261200_organisation': m202611261200,
  '202611261210_items': m202611261210,
  '202611261220_event_chain': m202611261220,
  '202611271300_accounts': m202611271300,
  '202611271400_signals': m202611271400,
  '202611271500_readouts': m202611271500,
  '202611271600_job_runs': m202611271600,
  '202611271700_ledger_configs': m202611271700,
  '202611271800_refuse': m202611271800,
  '202611271810_account_notify': m202611271810,
  '202612071200_account_requests': m202612071200,
  '202612071300_holiday_notices': m202612071300,
  '202612071400_official_documents': m202612071400,
  '202612071600_notifications': m202612071600,
  '202612071800_event_types': m202612071800,
  '202612072000_item_metric_columns': m202612072000,
  '202612072010_item_move_columns': m202612072010,
  '202612080200_inspections': m202612080200,
  '202612080300_item_list_indexes': m202612080300,
  '202612090100_signing_policy': m202612090100,
  '202612090200_item_recheck_column': m202612090200,
  '202612100100_signal_indicator_switch': m202612100100,
};
