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

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `oidcAuth` from `@alokai/auth-oidc/hono`. */
    oidc: VerifiedToken
  }
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
 * import { oidcAuth } from '@alokai/auth-oidc/hono'
 *
 * const app = new Hono()
 * app.use('/api/*', oidcAuth({ issuer: 'https://login.example.com/', audience: 'https://api.example.com' }))
 * app.get('/api/me', (c) => c.json({ sub: c.get('oidc').payload.sub }))
 * ```
 */
// Typed like Hono's own middleware (any app's Env): `oidc` reaches `c.get` through `ContextVariableMap`, so
// the middleware also fits a wrapper that builds its options from `c.env` per request.
export function oidcAuth(options: OidcAuthOptions): MiddlewareHandler {
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
