/**
 * `/api/spaces/:spaceId/tokens`: API token management, for users only (an API token, even a management
 * one, can never list, mint, roll, reveal or revoke tokens: the policy gives tokens content actions only).
 * Creation answers the token in full exactly once; it is stored sealed (context `api-token`, space id,
 * token id) plus its digest. A roll answers a new token the same way and ends the old one after an overlap.
 * Reveal re-opens a token for a space admin who signed in within the last 5 minutes. The list pages and
 * filters through the same service as the dashboard's. Every response that carries a token says
 * `Cache-Control: no-store`; create, roll, reveal and revoke are audited, refusals too.
 */
import { Hono } from 'hono'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { idParam, spaceIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { requestQuery } from '../../http/query'
import {
  apiTokenListQuery,
  createApiToken,
  createApiTokenBody,
  findApiTokens,
  revealApiToken,
  revokeApiTokenById,
} from './service'
import { rollApiToken, rollApiTokenBody } from './service-roll'

/** The token routes, mounted at `/api/spaces/:spaceId/tokens`. */
export const apiTokensApi: Hono<CmsHono> = new Hono<CmsHono>()

apiTokensApi.get('/', requestQuery(apiTokenListQuery))
apiTokensApi.get('/', authorize('tokens.list'), async (c) => {
  const parsed = apiTokenListQuery.safeParse(c.req.query())
  if (!parsed.success) throw new HttpProblem(400, 'bad_request', 'Invalid query')
  return c.json(await findApiTokens(c.var.scope, { spaceId: spaceIdParam(c), ...parsed.data }))
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

// Rolling mints a token, so it needs what creating one needs.
apiTokensApi.post('/:tokenId/roll', requestBody(rollApiTokenBody))
apiTokensApi.post(
  '/:tokenId/roll',
  authorize('tokens.create', { audit: { action: 'tokens.roll' } }),
  async (c) => {
    const caller = await requireCaller(c)
    const spaceId = spaceIdParam(c)
    const id = idParam(c, 'tokenId', 'tok', 'No such token')
    const body = await readBody(c, rollApiTokenBody)
    c.header('Cache-Control', 'no-store')
    const { summary, token } = await rollApiToken(c.var.scope, caller, spaceId, id, body)
    return c.json({ ...summary, token }, 201)
  },
)

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
