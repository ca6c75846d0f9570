/**
 * The Hono type parameter of the CMS's HTTP edge (`CmsHono`): the Worker's bindings (`Env`, from `wrangler
 * types`) and what middleware leaves for the handlers — the validated config (`CmsConfig`), the
 * per-request service scope, the caller, the injected dependencies. Per-request state lives here, on the
 * context, never in module-level maps. (`CmsVars`, in `config/env-definition.ts`, is the parsed variables
 * before they become `CmsConfig`; nothing else is called "env".)
 */

import type { Caller } from '../domain/caller'
import type { CmsConfig } from '../domain/config'
import type { Scope } from '../domain/scope'
import type { DerivationObserver } from '../features/users/password'

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

/** The app's Hono type parameter. */
export interface CmsHono {
  Bindings: Env
  Variables: {
    config: CmsConfig
    deps: AppDeps
    /** What services are called with, built once per request by `http/scope.ts`. */
    scope: Scope
    caller: Caller | null | undefined
    /** The session cookie's verified `sid` (checked once per request, see `http/session-cookie.ts`). */
    sessionSid: Promise<string | undefined> | undefined
    /** The request id shown on error pages and in logs (`http/request-id.ts`). */
    requestId: string | undefined
  }
}
