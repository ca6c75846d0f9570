/**
 * The IdP sign-in service (`features/sessions/oidc-sign-in.ts`) as the service tests drive it, without
 * HTTP: a scope built the way a job builds one (its audit entries also kept in memory), the local IdP of
 * `oidc-idp.ts` as the transport (with the codes it was asked to exchange), and a started flow whose
 * callback URL is what the IdP would send the browser to.
 */
import { env } from 'cloudflare:test'
import type { CacheStore } from '@alokai/auth-oidc'
import { loadEnv } from '../../src/config/load-config'
import type { AuditEvent } from '../../src/domain/audit'
import type { Scope } from '../../src/domain/scope'
import type { IdpTransport } from '../../src/features/sessions/oidc-idp-server'
import { startOidcSignIn } from '../../src/features/sessions/oidc-sign-in'
import { createJobScope } from '../../src/jobs/job-scope'
import { CLIENT_ID, ISSUER, type LocalIdp, oidcEnv } from './oidc-idp'

/** The redirect URI of every flow. */
export const REDIRECT_URI = 'https://cms.test/login/oidc/callback'

function memoryCache(): CacheStore {
  const entries = new Map<string, string>()
  return {
    get: async (key) => entries.get(key),
    put: async (key, value) => {
      entries.set(key, value)
    },
  }
}

/**
 * A scope in oidc mode whose audit entries are also kept in memory, and a transport to `idp` that counts
 * codes (with a fresh document cache, so each setup discovers the IdP anew).
 * @example const s = serviceSetup(idp)
 */
export function serviceSetup(idp: LocalIdp) {
  const loaded = loadEnv({ ...env, ...oidcEnv, OIDC_CLIENT_ID: CLIENT_ID })
  if (!loaded.ok) throw new Error('The test env does not validate')
  const base = createJobScope(env, loaded.config, { now: Date.now })
  const events: AuditEvent[] = []
  const scope: Scope = {
    ...base,
    audit: {
      ...base.audit,
      record: async (event) => {
        events.push(event)
        await base.audit.record(event)
      },
    },
  }
  const codes: string[] = []
  const transport: IdpTransport = {
    cache: memoryCache(),
    fetch: async (input, init) => {
      const url = String(input instanceof Request ? input.url : input)
      if (url === `${ISSUER}/token`) codes.push(new URLSearchParams(String(init?.body)).get('code') ?? '')
      return idp.fetch(input, init)
    },
  }
  return { scope, events, codes, transport }
}

/** What {@link serviceSetup} returns. */
export type ServiceSetup = ReturnType<typeof serviceSetup>

/**
 * Starts a sign-in; the IdP then answers with an ID token carrying `claims` (and the flow's nonce).
 * @example const { kept, state, callback } = await startedSignIn(idp, s, { email: 'ada@example.com' })
 */
export async function startedSignIn(idp: LocalIdp, s: ServiceSetup, claims: Record<string, unknown> = {}) {
  const { authorizationUrl, kept } = await startOidcSignIn(s.scope, s.transport, {
    redirectUri: REDIRECT_URI,
    next: '/spaces',
  })
  const authorize = new URL(authorizationUrl)
  const state = authorize.searchParams.get('state') ?? ''
  const sub = `svc-${crypto.randomUUID()}`
  idp.nextIdToken = await idp.idToken({ sub, nonce: authorize.searchParams.get('nonce'), ...claims })
  const callback = (query: Record<string, string>) => new URL(`${REDIRECT_URI}?${new URLSearchParams(query)}`)
  return { kept, state, sub, authorize, callback }
}
