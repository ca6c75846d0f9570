/**
 * `@alokai/auth-oidc/hono`: bearer-token authentication for Hono apps (Workers, Node, Bun, Deno). The
 * middleware answers RFC 6750 challenges with RFC 9457 problem bodies and puts the verified token on the
 * context as `oidc`. It imports nothing from Hono at run time (types only) and no `node:` module.
 */
import type { MiddlewareHandler } from 'hono'
import type { VerifiedToken } from './create-oidc-verifier.ts'
import { authenticateBearer, resolveBearerAuth } from './internal/bearer-auth.ts'
import type { OidcAuthOptions } from './oidc-auth-options.ts'

export type { BearerAuthOptions, OidcAuthOptions, TokenVerifier } from './oidc-auth-options.ts'

/**
 * The context variables `oidcAuth` sets; use as (part of) your app's `Variables`.
 *
 * @example
 * ```ts
 * const app = new Hono<{ Bindings: Env; Variables: OidcVariables }>()
 * ```
 */
export interface OidcVariables {
  /** The verified token: its claims and protected header. */
  oidc: VerifiedToken
}

/**
 * The Hono environment `oidcAuth` provides: `c.get('oidc')` is the verified token. Declared per app (as
 * Hono's own `jwt` does with `JwtVariables`), never on Hono's global `ContextVariableMap`, so a route of an
 * app that never declared the middleware cannot read a variable that is not there.
 *
 * @example
 * ```ts
 * const app = new Hono<OidcAuthEnv>()
 * app.use('/api/*', oidcAuth({ issuer, audience }))
 * app.get('/api/me', (c) => c.json({ sub: c.get('oidc').payload.sub }))
 * ```
 */
export interface OidcAuthEnv {
  Variables: OidcVariables
}

/**
 * Middleware that lets a request through only with a valid bearer token (and the required scopes), and
 * sets `c.get('oidc')`. A missing token is 401 with `WWW-Authenticate: Bearer realm="…"`, a bad one 401
 * `error="invalid_token"`, a malformed header 400 `invalid_request`, a missing scope 403
 * `insufficient_scope`, an unreachable IdP 503; bodies are `application/problem+json` and never contain
 * the token. Other errors (bugs) go to the app's `onError`.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono'
 * import { type OidcAuthEnv, oidcAuth } from '@alokai/auth-oidc/hono'
 *
 * const app = new Hono<OidcAuthEnv>()
 * app.use('/api/*', oidcAuth({ issuer: 'https://login.example.com/', audience: 'https://api.example.com' }))
 * app.get('/api/me', (c) => c.json({ sub: c.get('oidc').payload.sub }))
 * ```
 */
// Generic in the app's env (which must include `OidcVariables`), so a wrapper that builds the options from
// `c.env` per request can pass its own context: `oidcAuth<AppEnv>({ issuer: c.env.ISSUER, … })(c, next)`.
export function oidcAuth<E extends OidcAuthEnv = OidcAuthEnv>(
  options: OidcAuthOptions,
): MiddlewareHandler<E> {
  const auth = resolveBearerAuth(options)
  return async (c, next) => {
    const outcome = await authenticateBearer(auth, c.req.header('authorization'))
    if (!outcome.ok) {
      const { status, headers, body } = outcome.refusal
      // Through `c.body`, so headers earlier middleware set (CORS) stay on the refusal.
      return c.body(body, status, headers)
    }
    c.set('oidc', outcome.token)
    await next()
    return undefined
  }
}
