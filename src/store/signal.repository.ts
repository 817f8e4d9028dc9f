import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { SignalCountRepository } from './signal-count.repository.js';
import { SignalDetectionRepository } from './signal-detection.repository.js';
import { SignalIndicatorRepository } from './signal-indicator.repository.js';

/** The monitoring-signal repositories, grouped so the contexts carry them under one name. */
export interface SignalRepositories {
  readonly indicators: SignalIndicatorRepository;
  readonly counts: SignalCountRepository;
  readonly detections: SignalDetectionRepository;
}

export function signalRepositories(db: Kysely<Database>): SignalRepositories {
  return { indicators: new SignalIndicatorRepository(db), counts: new SignalCountRepository(db), detections: new SignalDetectionRepository(db) };
}

/** The read methods, for reads outside a transaction. */
export interface SignalReads {
  readonly indicators: Pick<SignalIndicatorRepository, 'get' | 'list' | 'listResponsibles'>;
  readonly counts: Pick<SignalCountRepository, 'listBetween' | 'listByIndicator' | 'listSeries' | 'listSeriesRefs'>;
  readonly detections: Pick<SignalDetectionRepository, 'get' | 'listSeries' | 'listAlarms'>;
}
