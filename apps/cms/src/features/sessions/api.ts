/**
 * `/api/auth`: password login (local mode), session creation from an IdP token (oidc mode), logout, the
 * current caller, and the CSRF form token.
 */
import { type Context, Hono } from 'hono'
import * as z from 'zod'
import { audited } from '../../http/audit-declaration'
import { readBody, requestBody } from '../../http/body'
import { issueCsrfToken } from '../../http/csrf'
import type { CmsHono } from '../../http/hono-types'
import { bearerToken, oidcUser, requireCaller } from '../../http/identify'
import { HttpProblem } from '../../http/problem'
import { setSessionCookie } from '../../http/session-cookie'
import { beginSession, endSession } from '../../http/session-lifecycle'
import { findUser } from '../users/service'
import { checkPassword } from './local-login'
import { type IdpSignIn, openIdpSession } from './service'

/** The body of a password login (JSON or form). */
export const loginSchema: z.ZodType<{ email: string; password: string }> = z.strictObject({
  email: z
    .string()
    .trim()
    .min(3, 'Enter your email address')
    .max(254)
    .pipe(z.email('Enter a valid email address')),
  password: z.string().min(1, 'Enter your password').max(1024),
})

/** The auth routes. */
export const sessionsApi: Hono<CmsHono> = new Hono<CmsHono>()

// `checkPassword` audits `auth.login`: the success with the account as actor, every failure with its reason.
sessionsApi.post('/login', requestBody(loginSchema))
sessionsApi.post('/login', audited({ action: 'auth.login' }), async (c) => {
  if (c.var.config.authProvider !== 'local') {
    throw new HttpProblem(404, 'wrong_auth_provider', 'Password login is disabled; sign in with the IdP')
  }
  const { email, password } = await readBody(c, loginSchema)
  const userId = await checkPassword(c.var.scope, email, password)
  const session = await beginSession(c, userId, 'password')
  return c.json({ userId, expiresAt: session.expiresAt })
})

// The IdP token of the request, checked (the user behind it resolved), or the problem to answer.
async function idpSignIn(c: Context<CmsHono>): Promise<IdpSignIn> {
  if (c.var.config.authProvider !== 'oidc') {
    throw new HttpProblem(404, 'wrong_auth_provider', 'IdP sign-in is not configured')
  }
  const token = bearerToken(c)
  if (token === undefined)
    throw new HttpProblem(401, 'unauthenticated', 'Send the IdP token as a bearer token')
  return oidcUser(c, token)
}

// `openIdpSession` records the exchange: the success with the signed-in user, a failure with its code.
sessionsApi.post('/session', audited({ action: 'auth.session' }), async (c) => {
  const { userId, session, maxAgeSeconds } = await openIdpSession(c.var.scope, () => idpSignIn(c))
  await setSessionCookie(c, { sub: userId, sid: session.sid }, maxAgeSeconds)
  return c.json({ userId, expiresAt: session.expiresAt })
})

// `closeSession` audits the revoked session; a logout without one changes nothing and is no event.
sessionsApi.post('/logout', audited({ action: 'auth.logout' }), async (c) => {
  await endSession(c)
  return c.body(null, 204)
})

sessionsApi.get('/me', async (c) => {
  const caller = await requireCaller(c)
  const user = await findUser(c.var.scope, caller.userId)
  return c.json({
    id: caller.userId,
    email: user?.email ?? null,
    name: user?.name ?? null,
    via: caller.via,
    authenticatedAt: caller.authenticatedAt,
    roles: caller.roles,
  })
})

sessionsApi.get('/csrf', async (c) => c.json({ csrfToken: await issueCsrfToken(c) }))
