/**
 * Audit log pages: `/spaces/:spaceId/audit` (space admins) and `/admin/audit` (global admins: every entry,
 * also sign-ins and key rotation), behind the same `audit.read` action as the API. Filters and cursors come
 * in the query string (a GET form: a filtered view is a link to share); `export.csv` beside each page
 * downloads what its filter shows.
 */
import type { Context, Hono } from 'hono'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { dashboardGroup, routeSpace, viewerOf } from '../dashboard/page-kit'
import { auditCsv } from './csv'
import { auditQueryString, parseAuditQuery } from './filter'
import { archiveHorizon, auditActions, readAuditExport, readAuditPage } from './service'
import { AuditLogPage } from './view'

function exportHref(c: Context<CmsHono>, queryString: string): string {
  const base = `${new URL(c.req.url).pathname.replace(/\/$/, '')}/export.csv`
  return queryString ? `${base}?${queryString}` : base
}

/** Renders one page of the log, for a space or (`undefined`) for everything. */
async function renderAudit(c: Context<CmsHono>, spaceId: string | undefined): Promise<Response> {
  const caller = await requireCaller(c)
  const space = spaceId === undefined ? undefined : await routeSpace(c)
  const query = await parseAuditQuery(c.var.scope, c.req.query(), spaceId)
  const page = await readAuditPage(c.var.scope, query.filter, query.page)
  const link = (cursor: { before?: number; after?: number } | undefined) =>
    cursor ? `?${auditQueryString(query.typed, cursor)}` : null
  return c.html(
    <AuditLogPage
      viewer={await viewerOf(c, caller)}
      space={space}
      entries={page.entries}
      query={query.typed}
      problems={query.problems}
      actions={auditActions()}
      archivedBefore={archiveHorizon(c.var.scope)}
      newer={link(page.newer)}
      older={link(page.older)}
      exportHref={exportHref(c, auditQueryString(query.typed))}
    />,
  )
}

/** The CSV download of a filter, named after the log and the day. */
async function exportAudit(c: Context<CmsHono>, spaceId: string | undefined): Promise<Response> {
  const query = await parseAuditQuery(c.var.scope, c.req.query(), spaceId)
  const entries = await readAuditExport(c.var.scope, query.filter)
  const day = new Date(c.var.scope.now()).toISOString().slice(0, 10)
  return c.body(auditCsv(entries), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="audit-log-${spaceId ?? 'all-spaces'}-${day}.csv"`,
  })
}

/** The space audit page, mounted at `/spaces/:spaceId/audit`. */
export const spaceAuditLogPages: Hono<CmsHono> = dashboardGroup()

spaceAuditLogPages.get('/', authorize('audit.read'), async (c) => renderAudit(c, (await routeSpace(c)).id))
spaceAuditLogPages.get('/export.csv', authorize('audit.read'), async (c) =>
  exportAudit(c, (await routeSpace(c)).id),
)

/** The global audit page (global admins: every entry), mounted at `/admin/audit`. */
export const globalAuditLogPages: Hono<CmsHono> = dashboardGroup()

globalAuditLogPages.get('/', authorize('audit.read'), (c) => renderAudit(c, undefined))
globalAuditLogPages.get('/export.csv', authorize('audit.read'), (c) => exportAudit(c, undefined))
