/**
 * `/api/spaces/:spaceId/tokens`: API token management, for users only (an API token, even a management
 * one, can never list, mint, reveal or revoke tokens: the policy gives tokens content actions only).
 * Creation answers the token in full exactly once; it is stored sealed (context `api-token`, space id,
 * token id) plus its digest. Reveal re-opens it for a space admin who signed in within the last 5 minutes.
 * Every response that carries a token says `Cache-Control: no-store`; create, reveal and revoke are audited,
 * refusals too.
 */
import { Hono } from 'hono'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { idParam, spaceIdParam } from '../../http/params'
import {
  createApiToken,
  createApiTokenBody,
  listApiTokens,
  revealApiToken,
  revokeApiTokenById,
} from './service'

/** The token routes, mounted at `/api/spaces/:spaceId/tokens`. */
export const apiTokensApi: Hono<CmsHono> = new Hono<CmsHono>()

apiTokensApi.get('/', authorize('tokens.list'), async (c) => {
  const tokens = await listApiTokens(c.var.scope, spaceIdParam(c))
  return c.json({ tokens })
})

apiTokensApi.post('/', requestBody(createApiTokenBody))
apiTokensApi.post('/', authorize('tokens.create'), async (c) => {
  const caller = await requireCaller(c)
  const spaceId = spaceIdParam(c)
  const body = await readBody(c, createApiTokenBody)
  const { summary, token } = await createApiToken(c.var.scope, caller, spaceId, body)
  c.header('Cache-Control', 'no-store')
  return c.json({ ...summary, token }, 201)
})

apiTokensApi.post('/:tokenId/reveal', authorize('tokens.reveal'), async (c) => {
  const caller = await requireCaller(c)
  const spaceId = spaceIdParam(c)
  const id = idParam(c, 'tokenId', 'tok', 'No such token')
  c.header('Cache-Control', 'no-store')
  const token = await revealApiToken(c.var.scope, caller, spaceId, id)
  return c.json({ id, token })
})

apiTokensApi.delete('/:tokenId', authorize('tokens.revoke'), async (c) => {
  const caller = await requireCaller(c)
  const spaceId = spaceIdParam(c)
  const id = idParam(c, 'tokenId', 'tok', 'No such token')
  return c.json(await revokeApiTokenById(c.var.scope, caller, spaceId, id))
})
