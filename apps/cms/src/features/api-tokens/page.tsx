/**
 * `/spaces/:spaceId/settings/tokens`: the API tokens page. Create, reveal and revoke call the same service
 * as `/api/spaces/:spaceId/tokens` behind the same `authorize` actions. Every POST answers 303 to the list
 * with a fragment naming what to look at (`#new-token`, `#card-<id>`, `#form-errors`, `#result`); the created
 * or revealed token travels in a single-use flash (`features/dashboard/flash.ts`), so the list shows it once
 * (`Cache-Control: no-store`) and a reload neither shows it again nor mints or reveals another. A reveal
 * with a stale sign-in goes to sign-in, which comes back to `?reveal=<id>`: the reveal offered at once.
 */
import type { Hono } from 'hono'
import { InvalidInput, ReauthRequired } from '../../domain/errors'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { idParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { FORM_ERRORS_ID } from '../../views/components/error-summary'
import { RESULT_ID } from '../../views/components/result-notice'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { listQuery, pageParam } from '../dashboard/list-query'
import { dashboardGroup, readForm, routeSpace, viewerOf } from '../dashboard/page-kit'
import {
  createApiToken,
  createApiTokenBody,
  findApiToken,
  findApiTokens,
  revealApiToken,
  revokeApiTokenById,
  TokenNameTaken,
} from './service'
import { DEFAULT_ROLL_OVERLAP_SECONDS, rollApiToken } from './service-roll'
import { ApiTokensPage, type ApiTokensProps, RevokeTokenPage, RollTokenPage } from './view'

type Extra = Pick<ApiTokensProps, 'shown' | 'notice' | 'form'>

const listPath = (spaceId: string): string => `/spaces/${spaceId}/settings/tokens`
const TOKEN_ID = /^tok_[A-Za-z0-9_-]{22}$/

/**
 * Where a reveal that needs a fresh sign-in sends the browser: sign-in, then back to the list offering that
 * token's reveal (a GET never reveals; the offered form POSTs).
 * @example c.redirect(revealSignInPath(spaceId, tokenId), 303)
 */
export function revealSignInPath(spaceId: string, tokenId: string): string {
  const next = `${listPath(spaceId)}?reveal=${tokenId}#reveal-now`
  return `/login?reason=reveal&next=${encodeURIComponent(next)}`
}

/** The token pages, mounted at `/spaces/:spaceId/settings/tokens`. */
export const apiTokensPages: Hono<CmsHono> = dashboardGroup()

apiTokensPages.get('/', authorize('tokens.list'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const extra = await takeFlash<Extra>(c, caller)
  const { q, page } = listQuery(c)
  const query = { q, page, rpage: pageParam(c.req.query('rpage')) }
  const [live, revoked] = await Promise.all([
    findApiTokens(c.var.scope, { spaceId: space.id, state: 'live', q, page: query.page }),
    findApiTokens(c.var.scope, { spaceId: space.id, state: 'revoked', q, page: query.rpage }),
  ])
  const wanted = c.req.query('reveal')
  const resume =
    wanted !== undefined && TOKEN_ID.test(wanted) && extra.shown === undefined
      ? await findApiToken(c.var.scope, { spaceId: space.id, id: wanted })
      : null
  const props = { space, live, revoked, query, now: c.var.scope.now(), ...extra }
  return c.html(
    <ApiTokensPage
      viewer={await viewerOf(c, caller)}
      {...props}
      resume={resume?.revokedAt === null ? resume : undefined}
    />,
  )
})

apiTokensPages.post('/', authorize('tokens.create'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const failed = `${listPath(space.id)}#${FORM_ERRORS_ID}`
  const form = await readForm(c, createApiTokenBody)
  const raw = await c.req.parseBody()
  const typed = Object.fromEntries(
    (['name', 'scope', 'description', 'expiresAt'] as const).map((k) => [
      k,
      typeof raw[k] === 'string' ? raw[k] : '',
    ]),
  )
  if (!form.ok) return redirectWithFlash<Extra>(c, failed, { form: { ...typed, errors: form.errors } })
  try {
    const { summary, token } = await createApiToken(c.var.scope, caller, space.id, form.data)
    const shown = { kind: 'created', id: summary.id, name: summary.name, token } as const
    return redirectWithFlash<Extra>(c, `${listPath(space.id)}#new-token`, { shown })
  } catch (err) {
    let errors: Record<string, string>
    if (err instanceof TokenNameTaken) errors = { name: err.message }
    else if (err instanceof InvalidInput) errors = { [err.path]: err.message }
    else throw err
    return redirectWithFlash<Extra>(c, failed, { form: { ...typed, errors } })
  }
})

apiTokensPages.post('/:tokenId/reveal', authorize('tokens.reveal'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const id = idParam(c, 'tokenId', 'tok')
  let token: string
  try {
    token = await revealApiToken(c.var.scope, caller, space.id, id)
  } catch (err) {
    if (err instanceof ReauthRequired) return c.redirect(revealSignInPath(space.id, id), 303)
    throw err
  }
  const summary = await findApiToken(c.var.scope, { spaceId: space.id, id })
  const shown = { kind: 'revealed', id, name: summary?.name ?? id, token } as const
  return redirectWithFlash<Extra>(c, `${listPath(space.id)}#card-${id}`, { shown })
})

apiTokensPages.get('/:tokenId/revoke', authorize('tokens.revoke'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const token = await findApiToken(c.var.scope, { spaceId: space.id, id: idParam(c, 'tokenId', 'tok') })
  if (!token || token.revokedAt !== null) throw new HttpProblem(404, 'not_found', 'No such token')
  return c.html(<RevokeTokenPage viewer={await viewerOf(c, caller)} space={space} token={token} />)
})

apiTokensPages.post('/:tokenId/revoke', authorize('tokens.revoke'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const revoked = await revokeApiTokenById(c.var.scope, caller, space.id, idParam(c, 'tokenId', 'tok'))
  const notice = `The token “${revoked.name}” was revoked.`
  return redirectWithFlash<Extra>(c, `${listPath(space.id)}#${RESULT_ID}`, { notice })
})

// The dashboard rolls with the default overlap (the confirmation says how long); the API takes any overlap.
apiTokensPages.get('/:tokenId/roll', authorize('tokens.create'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const token = await findApiToken(c.var.scope, { spaceId: space.id, id: idParam(c, 'tokenId', 'tok') })
  if (!token || token.revokedAt !== null || token.replacedBy !== null)
    throw new HttpProblem(404, 'not_found', 'No such token')
  return c.html(<RollTokenPage viewer={await viewerOf(c, caller)} space={space} token={token} />)
})

apiTokensPages.post(
  '/:tokenId/roll',
  authorize('tokens.create', { audit: { action: 'tokens.roll' } }),
  async (c) => {
    const caller = await requireCaller(c)
    const space = await routeSpace(c)
    const id = idParam(c, 'tokenId', 'tok')
    const overlap = { overlapSeconds: DEFAULT_ROLL_OVERLAP_SECONDS }
    const { summary, token } = await rollApiToken(c.var.scope, caller, space.id, id, overlap)
    const shown = { kind: 'rolled', id: summary.id, name: summary.name, token } as const
    return redirectWithFlash<Extra>(c, `${listPath(space.id)}#new-token`, { shown })
  },
)
