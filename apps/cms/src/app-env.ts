/**
 * The Hono environment of the app: bindings (`Env` from `wrangler types`), and what middleware leaves for
 * the handlers (the validated config, the caller, the injected dependencies).
 */
import type { DerivationObserver } from './auth/password'
import type { UserRoles } from './db/roles'
import type { CmsConfig } from './env'

/** Replaceable dependencies; production uses the defaults, tests inject observers and a local IdP. */
export interface AppDeps {
  /** Called on every PBKDF2 derivation (tests count them). @default undefined */
  onPasswordDerivation?: DerivationObserver
  /** The `fetch` the OIDC verifier uses for discovery and JWKS. @default globalThis.fetch */
  oidcFetch?: typeof fetch
  /** The clock, in epoch milliseconds. @default Date.now */
  now?: () => number
}

/** Who is calling, resolved from a session cookie or a bearer token, with roles read from D1. */
export interface Caller {
  userId: string
  /** `session`: a CMS session cookie; `bearer`: an IdP access token on this request. */
  via: 'session' | 'bearer'
  /** The session id when `via` is `session`. */
  sid: string | undefined
  /** When the user last proved who they are (epoch ms). */
  authenticatedAt: number
  roles: UserRoles
}

/** The app's Hono type parameter. */
export interface AppEnv {
  Bindings: Env
  Variables: {
    config: CmsConfig
    deps: AppDeps
    caller: Caller | null | undefined
  }
}

/**
 * The request's clock (epoch ms): `deps.now` when injected, else `Date.now`.
 * @example const now = nowMs(c)
 */
export function nowMs(c: { var: { deps: AppDeps } }): number {
  return (c.var.deps.now ?? Date.now)()
}
