/**
 * UTC days as the archive names them: an object holds the entries of one `YYYY-MM-DD`, and exports turn a
 * time range into the days whose objects may hold part of it.
 */

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The start (epoch ms) of the UTC day that holds `at`.
 * @example startOfUtcDay(Date.UTC(2026, 0, 2, 13)) // Date.UTC(2026, 0, 2)
 */
export function startOfUtcDay(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS
}

/**
 * The `YYYY-MM-DD` of the UTC day that holds `at`.
 * @example dayOf(Date.UTC(2026, 0, 2, 13)) // '2026-01-02'
 */
export function dayOf(at: number): string {
  return new Date(startOfUtcDay(at)).toISOString().slice(0, 10)
}
