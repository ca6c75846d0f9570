/**
 * Sign-in and sign-out pages. Local mode checks the password with the same lockout as `/api/auth/login`
 * and starts the session the same way; OIDC mode hands over to `page-oidc-login.ts` (authorization code +
 * PKCE) when `OIDC_CLIENT_ID` is set, and otherwise explains that the API takes IdP bearer tokens. A
 * failed password sign-in answers 303 back to `/login` (post/redirect/get: a reload sends nothing again),
 * the problem and the typed email carried by a flash bound to the visitor's pre-login form-token cookie;
 * the password is never kept. A sign-out lands on `/login?notice=signed-out` ("Signed out"): no session
 * is left to bind a flash to, so the URL names a notice from a fixed list, never its text.
 */
import type { Context, Hono } from 'hono'
import { InvalidCredentials, LockedOut } from '../../domain/errors'
import { audited } from '../../http/audit-declaration'
import { issueCsrfToken } from '../../http/csrf'
import type { CmsHono } from '../../http/hono-types'
import { getCaller } from '../../http/identify'
import { HttpProblem } from '../../http/problem'
import { beginSession, endSession } from '../../http/session-lifecycle'
import { tryAgainIn } from '../../views/retry-wait'
import { redirectWithVisitorFlash, takeVisitorFlash } from '../dashboard/flash'
import { dashboardGroup, readForm, safeNext } from '../dashboard/page-kit'
import { findUser } from '../users/service'
import { loginSchema } from './api'
import { checkPassword } from './local-login'
import { finishOidcLogin, startOidcLogin } from './page-oidc-login'
import { SignInPage, type SignInProps } from './view'

// Fixed notices the sign-in page may show after something that ended a session; the query names one by
// its id, so no URL can make the page say anything else.
const NOTICES: Record<string, string> = {
  'signed-out': 'Signed out. Sign in again to continue.',
}

// Fixed reasons a page may ask for a sign-in; the query names one, the text never comes from the URL.
const REASONS: Record<string, string> = {
  reveal: 'Sign in again to reveal a token: a reveal needs a sign-in within the last 5 minutes.',
  expired: 'Your sign-in attempt expired or was interrupted. Start again.',
}

// Re-auth before a reveal: the still-signed-in user's own email, so only the password is asked for.
async function reauthEmail(c: Context<CmsHono>): Promise<string | undefined> {
  const caller = c.req.query('reason') === 'reveal' ? await getCaller(c) : null
  if (caller?.via !== 'session') return undefined
  return (await findUser(c.var.scope, caller.userId))?.email ?? undefined
}

function issuerHost(issuer: string): string {
  return new URL(issuer).host
}

/** What a failed sign-in shows once on the page it redirects to (never the password). */
type SignInFlash = { email?: string; errors?: Record<string, string | undefined>; problem?: string }

async function renderSignIn(c: Context<CmsHono>, extra: SignInFlash): Promise<Response> {
  const next = safeNext(c.req.query('next'))
  // An own key only: `?reason=constructor` must not reach `Object.prototype`.
  const asked = c.req.query('reason') ?? ''
  const reason = Object.hasOwn(REASONS, asked) ? REASONS[asked] : undefined
  const noticeId = c.req.query('notice') ?? ''
  const notice = Object.hasOwn(NOTICES, noticeId) ? NOTICES[noticeId] : undefined
  const oidc = c.var.config.oidc
  let props: SignInProps
  if (!oidc) {
    const email = extra.email ?? (await reauthEmail(c))
    props = {
      mode: 'local',
      csrf: await issueCsrfToken(c),
      next,
      ...extra,
      ...(email ? { email } : {}),
      ...(reason ? { reason } : {}),
      ...(notice ? { notice } : {}),
    }
  } else if (oidc.clientId) {
    props = {
      mode: 'oidc',
      issuerHost: issuerHost(oidc.issuer),
      next,
      reauth: c.req.query('reason') === 'reveal',
      ...(extra.problem ? { problem: extra.problem } : {}),
      ...(reason ? { reason } : {}),
      ...(notice ? { notice } : {}),
    }
  } else {
    props = { mode: 'oidc-api-only', issuerHost: issuerHost(oidc.issuer) }
  }
  return c.html(<SignInPage {...props} />)
}

/** Answers 303 to the sign-in page (keeping a safe `next` and a known `reason`), showing `extra` once. */
function failed(c: Context<CmsHono>, extra: SignInFlash): Promise<Response> {
  const query = new URLSearchParams()
  if (c.req.query('next') !== undefined) query.set('next', safeNext(c.req.query('next')))
  const reason = c.req.query('reason')
  if (reason !== undefined && Object.hasOwn(REASONS, reason)) query.set('reason', reason)
  const search = query.size > 0 ? `?${query}` : ''
  return redirectWithVisitorFlash<SignInFlash>(c, `/login${search}`, extra)
}

/** The typed email of a refused form, to show it again (bounded: it travels in a flash). */
async function typedEmail(c: Context<CmsHono>): Promise<string | undefined> {
  const raw = (await c.req.parseBody()).email
  return typeof raw === 'string' ? raw.slice(0, 320) : undefined
}

const OIDC_LOGIN = { action: 'auth.oidc_login' } as const

/** `/login`: the sign-in page, the password form, and the OIDC redirect and callback. */
export const signInPages: Hono<CmsHono> = dashboardGroup()

signInPages.get('/', async (c) => renderSignIn(c, await takeVisitorFlash<SignInFlash>(c)))

// `checkPassword` audits the attempt, as for `POST /api/auth/login`.
signInPages.post('/', audited({ action: 'auth.login' }), async (c) => {
  if (c.var.config.authProvider !== 'local') throw new HttpProblem(404, 'wrong_auth_provider', 'Not found')
  const form = await readForm(c, loginSchema)
  if (!form.ok) {
    const email = await typedEmail(c)
    return failed(c, { errors: form.errors, ...(email === undefined ? {} : { email }) })
  }
  const { email, password } = form.data
  try {
    const userId = await checkPassword(c.var.scope, email, password)
    await beginSession(c, userId, 'password')
  } catch (err) {
    if (err instanceof LockedOut) {
      const problem = `Too many failed sign-ins for this account. ${tryAgainIn(err.retryAfterSeconds)}`
      return failed(c, { email, problem })
    }
    if (err instanceof InvalidCredentials) {
      return failed(c, { email, problem: 'The email or password is wrong.' })
    }
    throw err
  }
  return c.redirect(safeNext(c.req.query('next')), 303)
})

signInPages.get('/oidc', async (c) =>
  startOidcLogin(c, safeNext(c.req.query('next')), { reauth: c.req.query('reauth') === '1' }),
)

// A GET that signs in (the IdP redirects here); `finishOidcLogin` audits it.
signInPages.get('/oidc/callback', audited(OIDC_LOGIN), async (c) => {
  const result = await finishOidcLogin(c)
  if (!result.ok) return c.redirect(`/login?reason=expired`, 303)
  // The ID token proves a sign-in at the IdP, not a bearer credential: its `exp` bounds when it may be
  // traded, not how long the session lasts (that is SESSION_TTL_SECONDS, revocable in D1).
  await beginSession(c, result.userId, 'oidc', { authenticatedAt: result.authenticatedAt })
  return c.redirect(safeNext(result.next), 303)
})

/** `/logout`: revokes the session row and clears the cookie. */
export const signOutPages: Hono<CmsHono> = dashboardGroup()

// `closeSession` audits the revoked session, as for `POST /api/auth/logout`.
signOutPages.post('/', audited({ action: 'auth.logout' }), async (c) => {
  await endSession(c)
  return c.redirect('/login?notice=signed-out', 303)
})
