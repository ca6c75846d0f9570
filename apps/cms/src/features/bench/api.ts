/**
 * Benchmark routes for `pnpm bench:worker`, mounted only by the bench entry (`bench/worker-entry.ts`), never
 * by the deployed Worker, and even there 404 unless `ENVIRONMENT=development`. Both
 * run the SAME D1 queries — the session row with the caller's roles (one batch), one token's sealed
 * value — so their difference is the session JWT verification and the AES-GCM open, not a cache:
 * - `GET /api/bench/open/:spaceId/:tokenId`: the real path (`requireCaller` verifies the session JWT and
 *   reads D1), then opens the sealed token;
 * - `GET /api/bench/plain/:spaceId/:tokenId`: reads the `sid` from the cookie WITHOUT verifying it, runs
 *   the same queries, opens nothing. It authenticates nobody, which is why it is in no production bundle.
 * Nothing is cached between requests; the answers carry lengths only, never a secret.
 */
import { openText } from '@alokai/crypto'
import { decodeBase64url } from '@alokai/internal'
import { type Context, Hono } from 'hono'
import { sealContext } from '../../crypto/contexts'
import type { CmsHono } from '../../http/hono-types'
import { requireCaller } from '../../http/identify'
import { HttpProblem } from '../../http/problem'
import { sessionToken } from '../../http/session-cookie'
import { sealedApiToken } from '../api-tokens/service'
import { findActiveSession } from '../sessions/service'

function ids(c: Context<CmsHono>): { spaceId: string; id: string } {
  return { spaceId: c.req.param('spaceId') ?? '', id: c.req.param('tokenId') ?? '' }
}

async function sealedToken(c: Context<CmsHono>): Promise<string> {
  const found = await sealedApiToken(c.var.scope, ids(c))
  if (found === null || found === 'revoked' || found === 'ended')
    throw new HttpProblem(404, 'not_found', 'No such token')
  return found.sealed
}

function unverifiedSid(c: Context<CmsHono>): string {
  const payload = sessionToken(c)?.split('.')[1]
  if (!payload) throw new HttpProblem(401, 'unauthenticated', 'Sign in first')
  const bytes = decodeBase64url(payload)
  if (!bytes) throw new HttpProblem(401, 'unauthenticated', 'Sign in first')
  const sid = (JSON.parse(new TextDecoder().decode(bytes)) as { sid?: unknown }).sid
  if (typeof sid !== 'string') throw new HttpProblem(401, 'unauthenticated', 'Sign in first')
  return sid
}

/** The bench routes, mounted at `/api/bench` by the bench entry. */
export const benchApi: Hono<CmsHono> = new Hono<CmsHono>()

benchApi.use(async (c, next) => {
  if (c.var.config.environment !== 'development') throw new HttpProblem(404, 'not_found', 'Not found')
  await next()
})

benchApi.get('/open/:spaceId/:tokenId', async (c) => {
  await requireCaller(c)
  const { spaceId, id } = ids(c)
  const keyring = await c.var.scope.keyring()
  const token = await openText(keyring, await sealedToken(c), sealContext('api-token', spaceId, id))
  return c.json({ length: token.length })
})

benchApi.get('/plain/:spaceId/:tokenId', async (c) => {
  const session = await findActiveSession(c.var.scope, unverifiedSid(c))
  if (!session) throw new HttpProblem(401, 'unauthenticated', 'Sign in first')
  return c.json({ length: (await sealedToken(c)).length })
})
