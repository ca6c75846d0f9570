/**
 * `GET /healthz`: liveness plus a one-row D1 read, so a broken binding shows. Answers no configuration.
 */
import { Hono } from 'hono'
import type { CmsHono } from '../../http/hono-types'
import { checkDatabase } from './service'

/** The health route. */
export const healthApi: Hono<CmsHono> = new Hono<CmsHono>()

healthApi.get('/', async (c) => {
  await checkDatabase(c.var.scope)
  return c.json({ ok: true })
})
