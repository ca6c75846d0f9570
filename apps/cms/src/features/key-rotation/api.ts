/**
 * `/api/admin/keys` (global admins): the key status during a rotation, and the rewrap and reseal passes.
 * Each POST runs one bounded batch of a pass; without `run` it starts a new pass, with `run` it continues
 * that pass from its stored cursor, so calls are resumable and a repeated call never redoes finished work.
 * Every batch is audited with counts only.
 */
import { type Context, Hono } from 'hono'
import * as z from 'zod'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { readKeyStatus, runKeyBatch } from './service'

/** Largest batch one call may ask for. */
const MAX_BATCH: number = 200
/** Batch size when the caller names none. */
const DEFAULT_BATCH: number = 100

const batchBody = z.strictObject({
  limit: z.number().int().min(1).max(MAX_BATCH).optional(),
  run: z.number().int().positive().optional(),
})

async function batch(c: Context<CmsHono>, kind: 'rewrap' | 'reseal'): Promise<Response> {
  const caller = await requireCaller(c)
  const body = await readBody(c, batchBody)
  return c.json(
    await runKeyBatch(c.var.scope, caller, kind, { run: body.run, limit: body.limit ?? DEFAULT_BATCH }),
  )
}

/** The key rotation routes, mounted at `/api/admin/keys`. */
export const keyRotationApi: Hono<CmsHono> = new Hono<CmsHono>()

keyRotationApi.get('/', authorize('keys.status'), async (c) => {
  const status = await readKeyStatus(c.var.scope, { listUnopenable: c.req.query('list') === 'unopenable' })
  return c.json(status, 200, { 'cache-control': 'no-store' })
})

keyRotationApi.post('/rewrap', requestBody(batchBody))
keyRotationApi.post('/rewrap', authorize('keys.rewrap'), (c) => batch(c, 'rewrap'))
keyRotationApi.post('/reseal', requestBody(batchBody))
keyRotationApi.post('/reseal', authorize('keys.reseal'), (c) => batch(c, 'reseal'))
