/**
 * `/spaces/:spaceId/settings/tokens`: the API tokens page. Create, reveal and revoke call the same service
 * as `/api/spaces/:spaceId/tokens` behind the same `authorize` actions. The created or revealed token is
 * rendered into that one response only (`Cache-Control: no-store`), never into a redirect target.
 */
import type { Context, Hono } from 'hono'
import type { AppEnv, UserCaller } from '../app-env'
import { authorize, requireCaller } from '../auth/identify'
import { listApiTokens } from '../db/api-tokens'
import { idParam } from '../http/params'
import { HttpProblem } from '../http/problem'
import {
  createApiToken,
  createApiTokenBody,
  revealApiToken,
  revokeApiTokenById,
} from '../services/api-tokens'
import { ApiTokensPage, type ApiTokensProps, RevokeTokenPage } from '../views/api-tokens'
import { dashboardGroup, readForm, routeSpace, viewerOf } from './dashboard-page'

type Extra = Pick<ApiTokensProps, 'shown' | 'reauthFor' | 'notice' | 'form'>

async function render(c: Context<AppEnv>, caller: UserCaller, extra: Extra, status: 200 | 400 | 403 = 200) {
  const space = await routeSpace(c)
  const tokens = await listApiTokens(c.env.DB, space.id)
  c.header('Cache-Control', 'no-store')
  return c.html(
    <ApiTokensPage viewer={await viewerOf(c, caller)} space={space} tokens={tokens} {...extra} />,
    status,
  )
}

const NOTICES: Record<string, string> = { revoked: 'The token was revoked.' }

/** The token pages, mounted at `/spaces/:spaceId/settings/tokens`. */
export const dashboardTokenRoutes: Hono<AppEnv> = dashboardGroup()

dashboardTokenRoutes.get('/', authorize('tokens.list'), async (c) => {
  const notice = NOTICES[c.req.query('notice') ?? '']
  return render(c, await requireCaller(c), notice ? { notice } : {})
})

dashboardTokenRoutes.post('/', authorize('tokens.create'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const form = await readForm(c, createApiTokenBody)
  if (!form.ok) {
    const raw = await c.req.parseBody()
    const name = typeof raw.name === 'string' ? raw.name : ''
    const scope = typeof raw.scope === 'string' ? raw.scope : ''
    return render(c, caller, { form: { name, scope, errors: form.errors } }, 400)
  }
  const { summary, token } = await createApiToken(c, caller, space.id, form.data)
  return render(c, caller, { shown: { kind: 'created', id: summary.id, name: summary.name, token } })
})

dashboardTokenRoutes.post('/:tokenId/reveal', authorize('tokens.reveal'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const id = idParam(c, 'tokenId', 'tok')
  let token: string
  try {
    token = await revealApiToken(c, caller, space.id, id)
  } catch (err) {
    if (err instanceof HttpProblem && err.code === 'reauth_required')
      return render(c, caller, { reauthFor: id }, 403)
    throw err
  }
  const summary = (await listApiTokens(c.env.DB, space.id)).find((t) => t.id === id)
  return render(c, caller, { shown: { kind: 'revealed', id, name: summary?.name ?? id, token } })
})

dashboardTokenRoutes.get('/:tokenId/revoke', authorize('tokens.revoke'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const id = idParam(c, 'tokenId', 'tok')
  const token = (await listApiTokens(c.env.DB, space.id)).find((t) => t.id === id && t.revokedAt === null)
  if (!token) throw new HttpProblem(404, 'not_found', 'No such token')
  return c.html(<RevokeTokenPage viewer={await viewerOf(c, caller)} space={space} token={token} />)
})

dashboardTokenRoutes.post('/:tokenId/revoke', authorize('tokens.revoke'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  await revokeApiTokenById(c, caller, space.id, idParam(c, 'tokenId', 'tok'))
  return c.redirect(`/spaces/${space.id}/settings/tokens?notice=revoked`, 303)
})
