/**
 * `/api/spaces/:spaceId/tokens`: API token management, for users only (an API token, even a management
 * one, can never list, mint, reveal or revoke tokens: the policy gives tokens content actions only).
 * Creation answers the token in full exactly once; it is stored sealed (context `api-token`, space id,
 * token id) plus its digest. Reveal re-opens it for a space admin who signed in within the last 5 minutes.
 * Every response that carries a token says `Cache-Control: no-store`; create, reveal and revoke are audited,
 * refusals too.
 */
import { openText, seal } from '@alokai/crypto'
import { Hono } from 'hono'
import { z } from 'zod'
import { type AppEnv, nowMs } from '../app-env'
import { recordAudit } from '../audit/record-audit'
import { generateApiToken } from '../auth/api-token'
import { authorize, requireCaller } from '../auth/identify'
import { sealContext } from '../crypto/contexts'
import { getKeyring } from '../crypto/keyring'
import { findSealedApiToken, insertApiToken, listApiTokens, revokeApiToken } from '../db/api-tokens'
import { isId, newId } from '../db/ids'
import { findSpace } from '../db/spaces'
import { readBody } from '../http/body'
import { HttpProblem } from '../http/problem'

/** A reveal needs a login (password or IdP) at most this long ago. */
export const REVEAL_MAX_AUTH_AGE_MS: number = 5 * 60 * 1000

const createBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(['delivery', 'preview', 'management']),
})

function spaceIdOf(value: string | undefined): string {
  if (value === undefined || !isId('spc', value)) throw new HttpProblem(404, 'not_found', 'No such space')
  return value
}

function tokenIdOf(value: string | undefined): string {
  if (value === undefined || !isId('tok', value)) throw new HttpProblem(404, 'not_found', 'No such token')
  return value
}

/** The token routes, mounted at `/api/spaces/:spaceId/tokens`. */
export const tokenRoutes: Hono<AppEnv> = new Hono<AppEnv>()

tokenRoutes.get('/', authorize('tokens.list'), async (c) => {
  const tokens = await listApiTokens(c.env.DB, spaceIdOf(c.req.param('spaceId')))
  return c.json({ tokens })
})

tokenRoutes.post('/', authorize('tokens.create'), async (c) => {
  const caller = await requireCaller(c)
  const spaceId = spaceIdOf(c.req.param('spaceId'))
  const { name, scope } = await readBody(c, createBody)
  if (!(await findSpace(c.env.DB, spaceId))) throw new HttpProblem(404, 'not_found', 'No such space')
  const id = newId('tok')
  const { token, digest, last4 } = await generateApiToken(scope)
  const sealed = await seal(await getKeyring(c.var.config), token, sealContext('api-token', spaceId, id))
  const summary = await insertApiToken(c.env.DB, {
    id,
    spaceId,
    name,
    scope,
    sealed,
    digest,
    last4,
    createdBy: caller.userId,
    now: nowMs(c),
  })
  await recordAudit(c, {
    action: 'tokens.create',
    outcome: 'success',
    spaceId,
    targetType: 'api_token',
    targetId: id,
  })
  c.header('Cache-Control', 'no-store')
  return c.json({ ...summary, token }, 201)
})

tokenRoutes.post('/:tokenId/reveal', authorize('tokens.reveal'), async (c) => {
  const caller = await requireCaller(c)
  const spaceId = spaceIdOf(c.req.param('spaceId'))
  const id = tokenIdOf(c.req.param('tokenId'))
  c.header('Cache-Control', 'no-store')
  const audit = { action: 'tokens.reveal', spaceId, targetType: 'api_token', targetId: id }
  if (nowMs(c) - caller.authenticatedAt > REVEAL_MAX_AUTH_AGE_MS) {
    await recordAudit(c, { ...audit, outcome: 'denied', reason: 'reauth_required' })
    throw new HttpProblem(403, 'reauth_required', 'Sign in again to reveal a token', {
      headers: { 'cache-control': 'no-store' },
    })
  }
  const found = await findSealedApiToken(c.env.DB, { spaceId, id })
  if (found === null) throw new HttpProblem(404, 'not_found', 'No such token')
  if (found === 'revoked') {
    await recordAudit(c, { ...audit, outcome: 'failure', reason: 'revoked' })
    throw new HttpProblem(409, 'conflict', 'The token is revoked')
  }
  let token: string
  try {
    token = await openText(
      await getKeyring(c.var.config),
      found.sealed,
      sealContext('api-token', spaceId, id),
    )
  } catch {
    // A value no configured key opens is reported (key rotation status shows it), never echoed.
    await recordAudit(c, { ...audit, outcome: 'failure', reason: 'unreadable' })
    throw new HttpProblem(500, 'internal_error', 'The stored token cannot be opened')
  }
  await recordAudit(c, { ...audit, outcome: 'success' })
  return c.json({ id, token })
})

tokenRoutes.delete('/:tokenId', authorize('tokens.revoke'), async (c) => {
  const caller = await requireCaller(c)
  const spaceId = spaceIdOf(c.req.param('spaceId'))
  const id = tokenIdOf(c.req.param('tokenId'))
  const revoked = await revokeApiToken(c.env.DB, { spaceId, id, revokedBy: caller.userId, now: nowMs(c) })
  if (!revoked) throw new HttpProblem(404, 'not_found', 'No such token')
  await recordAudit(c, {
    action: 'tokens.revoke',
    outcome: 'success',
    spaceId,
    targetType: 'api_token',
    targetId: id,
  })
  return c.json(revoked)
})
