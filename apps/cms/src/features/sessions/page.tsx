/**
 * Sign-in and sign-out pages. Local mode checks the password with the same lockout as `/api/auth/login`
 * and starts the session the same way; OIDC mode hands over to `page-oidc-login.ts` (authorization code +
 * PKCE) when `OIDC_CLIENT_ID` is set, and otherwise explains that the API takes IdP bearer tokens.
 */
import type { Context, Hono } from 'hono'
import { InvalidCredentials, LockedOut } from '../../domain/errors'
import { audited } from '../../http/audit-declaration'
import { issueCsrfToken } from '../../http/csrf'
import type { CmsHono } from '../../http/hono-types'
import { getCaller } from '../../http/identify'
import { HttpProblem } from '../../http/problem'
import { beginSession, endSession } from '../../http/session-lifecycle'
import { dashboardGroup, readForm, safeNext } from '../dashboard/page-kit'
import { findUserById } from '../users/store'
import { loginSchema } from './api'
import { checkPassword } from './local-login'
import { finishOidcLogin, startOidcLogin } from './page-oidc-login'
import { SignInPage, type SignInProps } from './view'

// Fixed reasons a page may ask for a sign-in; the query names one, the text never comes from the URL.
const REASONS: Record<string, string> = {
  reveal: 'Sign in again to reveal a token: a reveal needs a sign-in within the last 5 minutes.',
  expired: 'Your sign-in attempt expired or was interrupted. Start again.',
}

// Re-auth before a reveal: the still-signed-in user's own email, so only the password is asked for.
async function reauthEmail(c: Context<CmsHono>): Promise<string | undefined> {
  const caller = c.req.query('reason') === 'reveal' ? await getCaller(c) : null
  if (caller?.via !== 'session') return undefined
  return (await findUserById(c.env.DB, caller.userId))?.email ?? undefined
}

function issuerHost(issuer: string): string {
  return new URL(issuer).host
}

async function renderSignIn(
  c: Context<CmsHono>,
  extra: { email?: string; errors?: Record<string, string | undefined>; problem?: string },
  status: 200 | 400 | 401 | 429 = 200,
): Promise<Response> {
  const next = safeNext(c.req.query('next'))
  const reason = REASONS[c.req.query('reason') ?? '']
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
    }
  } else if (oidc.clientId) {
    props = {
      mode: 'oidc',
      issuerHost: issuerHost(oidc.issuer),
      next,
      reauth: c.req.query('reason') === 'reveal',
      ...(extra.problem ? { problem: extra.problem } : {}),
      ...(reason ? { reason } : {}),
    }
  } else {
    props = { mode: 'oidc-api-only', issuerHost: issuerHost(oidc.issuer) }
  }
  return c.html(<SignInPage {...props} />, status)
}

const OIDC_LOGIN = { action: 'auth.oidc_login', recordedBy: 'service' } as const

/** `/login`: the sign-in page, the password form, and the OIDC redirect and callback. */
export const signInPages: Hono<CmsHono> = dashboardGroup()

signInPages.get('/', (c) => renderSignIn(c, {}))

// `checkPassword` audits the attempt, as for `POST /api/auth/login`.
signInPages.post('/', audited({ action: 'auth.login' }), async (c) => {
  if (c.var.config.authProvider !== 'local') throw new HttpProblem(404, 'wrong_auth_provider', 'Not found')
  const form = await readForm(c, loginSchema)
  if (!form.ok) return renderSignIn(c, { errors: form.errors }, 400)
  const { email, password } = form.data
  let userId: string
  try {
    userId = await checkPassword(c.var.scope, email, password)
  } catch (err) {
    if (err instanceof LockedOut) {
      const minutes = Math.max(1, Math.ceil(err.retryAfterSeconds / 60))
      const problem = `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
      return renderSignIn(c, { email, problem }, 429)
    }
    if (err instanceof InvalidCredentials) {
      return renderSignIn(c, { email, problem: 'The email or password is wrong.' }, 401)
    }
    throw err
  }
  await beginSession(c, userId, 'password')
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
signOutPages.post('/', audited({ action: 'auth.logout', recordedBy: 'service' }), async (c) => {
  await endSession(c)
  return c.redirect('/login', 303)
})
