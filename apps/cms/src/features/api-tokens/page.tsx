/**
 * `/spaces/:spaceId/settings/tokens`: the API tokens page. Create, reveal and revoke call the same service
 * as `/api/spaces/:spaceId/tokens` behind the same `authorize` actions. Every POST answers 303 to the list;
 * the created or revealed token travels in a single-use flash (`features/dashboard/flash.ts`), so the list shows it
 * once (`Cache-Control: no-store`) and a reload neither shows it again nor mints or reveals another.
 */
import type { Hono } from 'hono'
import { ReauthRequired } from '../../domain/errors'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { idParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { dashboardGroup, readForm, routeSpace, viewerOf } from '../dashboard/page-kit'
import { createApiToken, createApiTokenBody, revealApiToken, revokeApiTokenById } from './service'
import { listApiTokens } from './store'
import { ApiTokensPage, type ApiTokensProps, RevokeTokenPage } from './view'

type Extra = Pick<ApiTokensProps, 'shown' | 'reauthFor' | 'notice' | 'form'>

const listPath = (spaceId: string): string => `/spaces/${spaceId}/settings/tokens`

/** The token pages, mounted at `/spaces/:spaceId/settings/tokens`. */
export const apiTokensPages: Hono<CmsHono> = dashboardGroup()

apiTokensPages.get('/', authorize('tokens.list'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const extra = await takeFlash<Extra>(c, caller)
  const tokens = await listApiTokens(c.env.DB, space.id)
  return c.html(<ApiTokensPage viewer={await viewerOf(c, caller)} space={space} tokens={tokens} {...extra} />)
})

apiTokensPages.post('/', authorize('tokens.create'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const form = await readForm(c, createApiTokenBody)
  if (!form.ok) {
    const raw = await c.req.parseBody()
    const name = typeof raw.name === 'string' ? raw.name : ''
    const scope = typeof raw.scope === 'string' ? raw.scope : ''
    return redirectWithFlash<Extra>(c, listPath(space.id), { form: { name, scope, errors: form.errors } })
  }
  const { summary, token } = await createApiToken(c.var.scope, caller, space.id, form.data)
  const shown = { kind: 'created', id: summary.id, name: summary.name, token } as const
  return redirectWithFlash<Extra>(c, listPath(space.id), { shown })
})

apiTokensPages.post('/:tokenId/reveal', authorize('tokens.reveal'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const id = idParam(c, 'tokenId', 'tok')
  let token: string
  try {
    token = await revealApiToken(c.var.scope, caller, space.id, id)
  } catch (err) {
    if (err instanceof ReauthRequired)
      return redirectWithFlash<Extra>(c, listPath(space.id), { reauthFor: id })
    throw err
  }
  const summary = (await listApiTokens(c.env.DB, space.id)).find((t) => t.id === id)
  const shown = { kind: 'revealed', id, name: summary?.name ?? id, token } as const
  return redirectWithFlash<Extra>(c, listPath(space.id), { shown })
})

apiTokensPages.get('/:tokenId/revoke', authorize('tokens.revoke'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const id = idParam(c, 'tokenId', 'tok')
  const token = (await listApiTokens(c.env.DB, space.id)).find((t) => t.id === id && t.revokedAt === null)
  if (!token) throw new HttpProblem(404, 'not_found', 'No such token')
  return c.html(<RevokeTokenPage viewer={await viewerOf(c, caller)} space={space} token={token} />)
})

apiTokensPages.post('/:tokenId/revoke', authorize('tokens.revoke'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  await revokeApiTokenById(c.var.scope, caller, space.id, idParam(c, 'tokenId', 'tok'))
  return redirectWithFlash<Extra>(c, listPath(space.id), { notice: 'The token was revoked.' })
})
