/**
 * The audit log, read-only: `GET /api/spaces/:spaceId/audit` (space admins: that space's entries) and
 * `GET /api/admin/audit` (global admins: every entry). Newest first, keyset pagination with `before` (the
 * id of the last entry of the previous page), so pages stay stable while new entries arrive; the
 * dashboard's filters (actor, action, outcome, from/to days) through the same parser and service, and
 * entries already moved to the R2 archive are read from there. There is no route that changes or removes
 * an entry.
 */
import { type Context, Hono } from 'hono'
import * as z from 'zod'
import type { CmsHono } from '../../http/hono-types'
import { authorize } from '../../http/identify'
import { spaceIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { requestQuery } from '../../http/query'
import { auditQueryString, parseAuditQuery } from './filter'
import { type AuditRow, readAuditEntries } from './service'

/** Largest page. */
const MAX_AUDIT_PAGE: number = 200

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(50),
  before: z.coerce.number().int().positive().optional(),
  actor: z.string().max(254).optional().describe('An email, or a `usr_…` / `tok_…` id'),
  action: z.string().max(64).optional(),
  outcome: z.enum(['success', 'denied', 'failure']).optional(),
  from: day.optional().describe('First day shown (UTC), inclusive'),
  to: day.optional().describe('Last day shown (UTC), inclusive'),
})

/** One entry as the API shows it. */
export interface AuditEntryView {
  id: number
  at: number
  actor: { type: AuditRow['actor_type']; id: string | null }
  action: string
  outcome: AuditRow['outcome']
  reason: string | null
  spaceId: string | null
  target: { type: string; id: string | null } | null
  clientIp: string | null
}

function view(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    at: row.at,
    actor: { type: row.actor_type, id: row.actor_id },
    action: row.action,
    outcome: row.outcome,
    reason: row.reason,
    spaceId: row.space_id,
    target: row.target_type === null ? null : { type: row.target_type, id: row.target_id },
    clientIp: row.client_ip,
  }
}

async function page(c: Context<CmsHono>, spaceId: string | undefined): Promise<Response> {
  const query = pageQuery.safeParse(c.req.query())
  if (!query.success) {
    const issues = query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    throw new HttpProblem(400, 'bad_request', 'Invalid audit query', { issues })
  }
  const { limit, before, ...fields } = query.data
  const parsed = await parseAuditQuery(c.var.scope, fields, spaceId)
  // The dashboard shows an unusable field beside the form; an API caller gets a 400 naming it.
  const issues = Object.entries(parsed.problems).map(([path, message]) => ({ path, message }))
  if (issues.length > 0) throw new HttpProblem(400, 'bad_request', 'Invalid audit query', { issues })
  const { rows, next } = await readAuditEntries(c.var.scope, parsed.filter, { before, limit })
  const more = auditQueryString(parsed.typed)
  return c.json(
    {
      entries: rows.map(view),
      next: next === undefined ? null : `?limit=${limit}&before=${next}${more ? `&${more}` : ''}`,
    },
    200,
    { 'cache-control': 'no-store' },
  )
}

/** The space audit route, mounted at `/api/spaces/:spaceId/audit`. */
export const spaceAuditLogApi: Hono<CmsHono> = new Hono<CmsHono>()

spaceAuditLogApi.get('/', requestQuery(pageQuery))
spaceAuditLogApi.get('/', authorize('audit.read'), (c) => page(c, spaceIdParam(c)))

/** The global audit route, mounted at `/api/admin/audit`. */
export const globalAuditLogApi: Hono<CmsHono> = new Hono<CmsHono>()

// No `:spaceId` here: the space-scoped `audit.read` rule then lets only global admins through.
globalAuditLogApi.get('/', requestQuery(pageQuery))
globalAuditLogApi.get('/', authorize('audit.read'), (c) => page(c, undefined))
