/**
 * Route parameters that name rows, parsed the same way by the JSON routes and the dashboard's pages: an id
 * of the expected kind, or the route's 404 problem, so a malformed id never reaches D1.
 */
import type { Context } from 'hono'
import { type IdPrefix, isId } from '../domain/ids'
import { findUser } from '../features/users/service'
import type { CmsHono } from './hono-types'
import { HttpProblem } from './problem'

/**
 * A route parameter that must be an id of `prefix`, or a 404 problem titled `title`.
 * @example const tokenId = idParam(c, 'tokenId', 'tok', 'No such token')
 */
export function idParam(c: Context<CmsHono>, name: string, prefix: IdPrefix, title = 'Not found'): string {
  const value = c.req.param(name)
  if (value === undefined || !isId(prefix, value)) throw new HttpProblem(404, 'not_found', title)
  return value
}

/**
 * The route's `:spaceId`, or a 404 problem (whether the space exists is the caller's query).
 * @example const spaceId = spaceIdParam(c)
 */
export function spaceIdParam(c: Context<CmsHono>): string {
  return idParam(c, 'spaceId', 'spc', 'No such space')
}

/**
 * The route's `:userId` of an existing user, or a 404 problem.
 * @example const userId = await userIdParam(c)
 */
export async function userIdParam(c: Context<CmsHono>): Promise<string> {
  const id = idParam(c, 'userId', 'usr', 'No such user')
  if (!(await findUser(c.var.scope, id))) throw new HttpProblem(404, 'not_found', 'No such user')
  return id
}
