/** Identifiers are opaque strings chosen by the caller (the app layer mints them; the core never does). */
export type TenantId = string;
export type UnitId = string;
export type UserId = string;
export type ItemId = string;

/** A calendar date in the city's time zone, `YYYY-MM-DD`. As a deadline it means the end of that day there. */
export type LocalDate = string;

/** An instant, ISO 8601 in UTC (`2026-11-26T08:00:00.000Z`). */
export type Instant = string;
