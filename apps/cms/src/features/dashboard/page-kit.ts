/**
 * Helpers of the dashboard routes: who is viewing (for the frame), reading a form through the SAME zod
 * schemas and body reader (`parseBody`) as the JSON API (validation problems become field errors instead of a 400),
 * safe `next` redirects, and the route's space.
 */
import { type Context, Hono } from 'hono'
import type * as z from 'zod'
import type { UserCaller } from '../../domain/caller'
import { userLabel } from '../../domain/user-label'
import { limitBody, parseBody } from '../../http/body'
import { dashboardFormProtection, issueCsrfToken } from '../../http/csrf'
import type { CmsHono } from '../../http/hono-types'
import { spaceIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import type { FieldErrors } from '../../views/components/form'
import type { Viewer } from '../../views/layout'
import { findSpace, type SpaceRow } from '../spaces/service'
import { findUser } from '../users/service'

/**
 * A page group with the dashboard's request guards: the body limit of `/api/*`, and forms only, same-origin,
 * each with its form token.
 * @example export const apiTokensPages = dashboardGroup()
 */
export function dashboardGroup(): Hono<CmsHono> {
  const group = new Hono<CmsHono>()
  group.use('*', limitBody(), dashboardFormProtection())
  return group
}

/**
 * The frame's view of the caller, with a form token bound to the session.
 * @example const viewer = await viewerOf(c, caller)
 */
export async function viewerOf(c: Context<CmsHono>, caller: UserCaller): Promise<Viewer> {
  return {
    label: caller.label ?? userLabel(await findUser(c.var.scope, caller.userId), caller.userId),
    roles: caller.roles,
    csrf: await issueCsrfToken(c),
    // In local mode every dashboard user signs in with a password; an IdP user has none here.
    hasPassword: c.var.config.authProvider === 'local',
  }
}

/** A form read: the data, or errors by field name. */
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors }

/**
 * Reads a form with the API's schema; validation problems come back as field errors (first per field).
 * @example const form = await readForm(c, createApiTokenBody)
 */
export async function readForm<S extends z.ZodType>(
  c: Context<CmsHono>,
  schema: S,
): Promise<FormResult<z.output<S>>> {
  const read = await parseBody(c, schema)
  if (read.ok) return read
  const errors: FieldErrors = {}
  for (const issue of read.issues) errors[issue.path] ??= issue.message
  return { ok: false, errors }
}

/**
 * A same-site path to continue to after sign-in; anything else (other hosts, `//x`, `/\x`) becomes `/spaces`.
 * @example return c.redirect(safeNext(c.req.query('next')), 303)
 */
export function safeNext(raw: string | undefined): string {
  if (raw === undefined || !/^\/(?![/\\])[\x21-\x7e]{0,500}$/.test(raw)) return '/spaces'
  return raw
}

/**
 * The route's space, or a 404 problem.
 * @example const space = await routeSpace(c)
 */
export async function routeSpace(c: Context<CmsHono>): Promise<SpaceRow> {
  const space = await findSpace(c.var.scope, spaceIdParam(c))
  if (!space) throw new HttpProblem(404, 'not_found', 'No such space')
  return space
}
