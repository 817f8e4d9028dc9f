import { DomainError, type DomainErrorCode } from '../domain/errors.js';

/** The error codes raised by the signals module (a subset of the domain codes). */
export type SignalsErrorCode = Extract<
  DomainErrorCode,
  'invalid_count' | 'missing_count' | 'series_too_short' | 'duplicate_period' | 'invalid_series' | 'invalid_control' | 'unsupported_option'
>;

/**
 * Bad input to a detection algorithm: a count that cannot be a count, a series too short for the
 * algorithm, a control outside its domain. Callers switch on `code`; `details` says where.
 */
export class SignalsError extends DomainError {
  constructor(code: SignalsErrorCode, message: string, messageZh: string, details?: Readonly<Record<string, unknown>>) {
    super(code, message, messageZh, details);
  }
}

/** Raised when the reference data an algorithm needs starts before the first observation. */
export function tooShort(algorithm: string, t: number, needed: string): SignalsError {
  return new SignalsError(
    'series_too_short',
    `${algorithm}: the series is too short to evaluate time point ${t} (${needed})`,
    `${algorithm}：序列过短，无法评估第 ${t} 期（${needed}）`,
    { algorithm, t },
  );
}
