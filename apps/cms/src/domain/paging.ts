/**
 * The numbered pages of a long list, shared by the dashboard's lists and the JSON API's paged ones, so a
 * page number means the same rows in both.
 */

/** Rows per page: about one screen of a table on a laptop. */
export const PAGE_SIZE = 20

/**
 * How many pages `total` rows fill (at least 1, so an empty list is "page 1 of 1").
 * @example const pages = pageCount(total)
 */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE))
}
