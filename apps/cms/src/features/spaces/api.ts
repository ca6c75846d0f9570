/**
 * `/api/spaces`: create (global admins), list (members see their spaces, global admins all), read and
 * rename (space admins). Space ids are immutable; only the name changes.
 */
import { Hono } from 'hono'
import * as z from 'zod'
import { safeName } from '../../domain/names'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { spaceIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { createAuditedSpace, deleteAuditedSpace, findSpace, listSpaces, renameAuditedSpace } from './service'

const nameSchema = safeName(z.string().trim().min(1).max(100))
/** The body of a space creation or rename (JSON or form). */
export const spaceBody = z.strictObject({ name: nameSchema })

const RENAME = { action: 'spaces.rename' } as const
/** The body of a deletion (JSON or form): the space's name, typed back (the API's confirmation). */
export const deleteSpaceBody = z.strictObject({ name: z.string().max(200) })

/** The spaces routes. */
export const spacesApi: Hono<CmsHono> = new Hono<CmsHono>()

spacesApi.get('/', authorize('spaces.list'), async (c) => {
  const caller = await requireCaller(c)
  const spaces = await listSpaces(c.var.scope, {
    userId: caller.userId,
    all: caller.roles.global.includes('admin'),
  })
  return c.json({ spaces })
})

spacesApi.post('/', requestBody(spaceBody))
spacesApi.post('/', authorize('spaces.create'), async (c) => {
  const caller = await requireCaller(c)
  const { name } = await readBody(c, spaceBody)
  const space = await createAuditedSpace(c.var.scope, caller, name)
  return c.json(space, 201)
})

spacesApi.get('/:spaceId', authorize('spaces.read'), async (c) => {
  const space = await findSpace(c.var.scope, spaceIdParam(c))
  if (!space) throw new HttpProblem(404, 'not_found', 'No such space')
  return c.json(space)
})

spacesApi.patch('/:spaceId', requestBody(spaceBody))
spacesApi.patch('/:spaceId', authorize('spaces.rename', { audit: RENAME }), async (c) => {
  const id = spaceIdParam(c)
  const { name } = await readBody(c, spaceBody)
  return c.json(await renameAuditedSpace(c.var.scope, id, name))
})

spacesApi.delete('/:spaceId', requestBody(deleteSpaceBody))
spacesApi.delete('/:spaceId', authorize('spaces.delete'), async (c) => {
  const id = spaceIdParam(c)
  const { name } = await readBody(c, deleteSpaceBody)
  if (!(await deleteAuditedSpace(c.var.scope, id, name))) {
    throw new HttpProblem(400, 'validation_failed', 'Type the space name to delete it', {
      issues: [{ path: 'name', message: "Type the space's name exactly" }],
    })
  }
  return c.body(null, 204)
})
