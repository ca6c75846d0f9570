/**
 * The Hono environment of the app: bindings (`Env` from `wrangler types`), and what middleware leaves for
 * the handlers (the validated config, the caller, the injected dependencies).
 */

import type { CmsConfig } from '../config/load-config'
import type { ApiTokenScope } from '../features/api-tokens/store'
import type { DerivationObserver } from '../features/users/password'
import type { UserRoles } from '../features/users/roles-store'

/** Replaceable dependencies; production uses the defaults, tests inject observers and a local IdP. */
export interface AppDeps {
  /** Called on every PBKDF2 derivation (tests count them). @default undefined */
  onPasswordDerivation?: DerivationObserver
  /** The `fetch` the OIDC verifier uses for discovery and JWKS. @default globalThis.fetch */
  oidcFetch?: typeof fetch
  /** The clock, in epoch milliseconds. @default Date.now */
  now?: () => number
  /** The `fetch` of outbound calls (MCP, preview probes); the URL policy still applies. @default globalThis.fetch */
  outboundFetch?: typeof fetch
  /** Time budget of one outbound call in ms (tests shorten it). @default 10_000 */
  outboundTimeoutMs?: number
}

/** A user, resolved from a session cookie or an IdP bearer token, with roles read from D1. */
export interface UserCaller {
  userId: string
  /** `session`: a CMS session cookie; `bearer`: an IdP access token on this request. */
  via: 'session' | 'bearer'
  /** The session id when `via` is `session`. */
  sid: string | undefined
  /** When the user last proved who they are (epoch ms). */
  authenticatedAt: number
  roles: UserRoles
}

/** A per-space API token (`Authorization: Bearer cms_…`): no user, no roles, only its scope in its space. */
export interface ApiTokenCaller {
  via: 'api_token'
  tokenId: string
  scope: ApiTokenScope
  spaceId: string
  /** A management token's creator's current roles (it never does more than they may); else `undefined`. */
  creatorRoles: UserRoles | undefined
}

/** Who is calling; narrow on `via` (`'api_token'` has no user). */
export type Caller = UserCaller | ApiTokenCaller

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
