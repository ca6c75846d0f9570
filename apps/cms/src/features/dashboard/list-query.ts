/**
 * The query of a long dashboard list (`?q=` and a page number), read leniently: a list link someone edited
 * by hand shows page 1 or the full list, never an error page. Pages hold {@link PAGE_SIZE} rows.
 */
import type { Context } from 'hono'
import type { CmsHono } from '../../http/hono-types'

export { PAGE_SIZE, pageCount } from '../../domain/paging'

/** What the list shows: the search text (trimmed, at most 100 characters) and the page, from 1. */
export interface ListQuery {
  q: string
  page: number
}

/**
 * A page number from the query, or 1.
 * @example const page = pageParam(c.req.query('page'))
 */
export function pageParam(raw: string | undefined): number {
  return raw !== undefined && /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : 1
}

/**
 * Reads `q` and `pageName` (default `page`).
 * @example const { q, page } = listQuery(c)
 */
export function listQuery(c: Context<CmsHono>, pageName = 'page'): ListQuery {
  return { q: (c.req.query('q') ?? '').trim().slice(0, 100), page: pageParam(c.req.query(pageName)) }
}
