/**
 * `GET /healthz`: liveness plus a one-row D1 read, so a broken binding shows. Answers no configuration.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../http/app-env'

/** The health route. */
export const healthRoutes: Hono<AppEnv> = new Hono<AppEnv>()

healthRoutes.get('/', async (c) => {
  await c.env.DB.prepare('SELECT 1').first()
  return c.json({ ok: true })
})
