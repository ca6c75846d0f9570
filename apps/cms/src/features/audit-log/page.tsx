/**
 * Audit log pages: `/spaces/:spaceId/audit` (space admins) and `/admin/audit` (global admins: every entry,
 * also sign-ins and key rotation), behind the same `audit.read` action as the API. 50 entries a page,
 * keyset pagination by entry id.
 */
import type { Context, Hono } from 'hono'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { dashboardGroup, routeSpace, viewerOf } from '../dashboard/page-kit'
import { listAuditEntries } from './store'
import { AuditLogPage } from './view'

const PAGE = 50

/** Renders one page of the log, for a space or (`undefined`) for everything. */
async function renderAudit(c: Context<CmsHono>, spaceId: string | undefined): Promise<Response> {
  const caller = await requireCaller(c)
  const raw = c.req.query('before')
  const before = raw !== undefined && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : undefined
  const space = spaceId === undefined ? undefined : await routeSpace(c)
  const entries = await listAuditEntries(c.env.DB, { spaceId, before, limit: PAGE })
  const last = entries.at(-1)
  const older = entries.length === PAGE && last ? `?before=${last.id}` : null
  return c.html(
    <AuditLogPage viewer={await viewerOf(c, caller)} space={space} entries={entries} older={older} />,
  )
}

/** The space audit page, mounted at `/spaces/:spaceId/audit`. */
export const spaceAuditLogPages: Hono<CmsHono> = dashboardGroup()

spaceAuditLogPages.get('/', authorize('audit.read'), async (c) => renderAudit(c, (await routeSpace(c)).id))

/** The global audit page (global admins: every entry), mounted at `/admin/audit`. */
export const globalAuditLogPages: Hono<CmsHono> = dashboardGroup()

globalAuditLogPages.get('/', authorize('audit.read'), (c) => renderAudit(c, undefined))
