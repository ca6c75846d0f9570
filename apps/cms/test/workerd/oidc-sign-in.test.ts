/**
 * The IdP sign-in service (`features/sessions/oidc-sign-in.ts`) driven without HTTP (`oidc-service.ts`):
 * `start` / `finish` called directly with the callback URL the IdP would send the browser to and the sealed
 * flow the browser kept.
 */

import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../src/domain/audit'
import type { IdpTransport } from '../../src/features/sessions/oidc-idp-server'
import { finishOidcSignIn } from '../../src/features/sessions/oidc-sign-in'
import { createLocalIdp, ISSUER, type LocalIdp } from './oidc-idp'
import { REDIRECT_URI, serviceSetup, startedSignIn } from './oidc-service'

let idp: LocalIdp
beforeAll(async () => {
  idp = await createLocalIdp()
})

const setup = () => serviceSetup(idp)
const started = (s: ReturnType<typeof setup>, claims?: Record<string, unknown>) =>
  startedSignIn(idp, s, claims)

const failures = (events: AuditEvent[]) =>
  events.filter((e) => e.action === 'auth.oidc_login' && e.outcome === 'failure').map((e) => e.reason)

describe('the IdP sign-in service', () => {
  it('signs in a user from a callback with the flow state and an ID token carrying the flow nonce', async () => {
    const s = setup()
    const { kept, state, callback, authorize } = await started(s)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('redirect_uri')).toBe(REDIRECT_URI)
    // `email` and `profile`: the ID token then names the person (shown, and what claims an invitation).
    expect(authorize.searchParams.get('scope')).toBe('openid email profile')
    const result = await finishOidcSignIn(s.scope, s.transport, callback({ code: 'c1', state }), kept)
    expect(result).toMatchObject({ ok: true, next: '/spaces', authenticatedAt: 0 })
    expect(s.codes).toEqual(['c1'])
    expect(s.events.map((e) => [e.action, e.outcome])).toEqual([['auth.oidc_login', 'success']])
  })

  it('refuses an ID token whose auth_time is in the future', async () => {
    const s = setup()
    const future = Math.floor(Date.now() / 1000) + 3600
    const { kept, state, callback } = await started(s, { auth_time: future })
    const result = await finishOidcSignIn(s.scope, s.transport, callback({ code: 'c1', state }), kept)
    expect(result).toEqual({ ok: false, reason: 'auth_time_in_future' })
    expect(failures(s.events)).toEqual(['auth_time_in_future'])
  })

  it('refuses a callback whose state is not the flow state, and exchanges no code', async () => {
    const s = setup()
    const { kept, state, callback } = await started(s)
    const forged = `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`
    const result = await finishOidcSignIn(s.scope, s.transport, callback({ code: 'c1', state: forged }), kept)
    expect(result).toEqual({ ok: false, reason: 'state_mismatch' })
    expect(s.codes).toEqual([])
    expect(failures(s.events)).toEqual(['state_mismatch'])
  })

  it('refuses an ID token whose nonce is not the flow nonce, and creates no user', async () => {
    const s = setup()
    const { kept, state, callback, sub } = await started(s, { nonce: 'another-flows-nonce' })
    const result = await finishOidcSignIn(s.scope, s.transport, callback({ code: 'c1', state }), kept)
    expect(result).toEqual({ ok: false, reason: 'nonce_mismatch' })
    const user = await env.DB.prepare('SELECT user_id FROM oidc_identities WHERE sub = ?1').bind(sub).first()
    expect(user).toBeNull()
  })

  it('refuses a replayed callback: the IdP answers a used code with invalid_grant, and only one sign-in counts', async () => {
    const s = setup()
    const { kept, state, callback } = await started(s)
    const used = new Set<string>()
    const singleUse: IdpTransport = {
      cache: s.transport.cache,
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input)
        const code = new URLSearchParams(String(init?.body)).get('code') ?? ''
        if (url !== `${ISSUER}/token`) return idp.fetch(input, init)
        if (used.has(code)) return Response.json({ error: 'invalid_grant' }, { status: 400 })
        used.add(code)
        return idp.fetch(input, init)
      },
    }
    const url = callback({ code: 'c1', state })
    expect((await finishOidcSignIn(s.scope, singleUse, url, kept)).ok).toBe(true)
    expect(await finishOidcSignIn(s.scope, singleUse, url, kept)).toEqual({
      ok: false,
      reason: 'token_exchange',
    })
    expect(s.events.filter((e) => e.outcome === 'success')).toHaveLength(1)
  })

  it("refuses the IdP's error response (access_denied) without exchanging anything", async () => {
    const s = setup()
    const { kept, state, callback } = await started(s)
    const url = callback({ error: 'access_denied', error_description: 'The user said no', state })
    expect(await finishOidcSignIn(s.scope, s.transport, url, kept)).toEqual({
      ok: false,
      reason: 'idp_error',
    })
    expect(s.codes).toEqual([])
  })

  it('refuses a callback whose iss names another issuer (RFC 9207), before any code is exchanged', async () => {
    const s = setup()
    const { kept, state, callback } = await started(s)
    const url = callback({ code: 'c1', state, iss: 'https://evil.test' })
    expect(await finishOidcSignIn(s.scope, s.transport, url, kept)).toEqual({
      ok: false,
      reason: 'callback_invalid',
    })
    expect(s.codes).toEqual([])
  })

  it('refuses a callback without the kept flow', async () => {
    const s = setup()
    const { state, callback } = await started(s)
    const result = await finishOidcSignIn(s.scope, s.transport, callback({ code: 'c1', state }), undefined)
    expect(result).toEqual({ ok: false, reason: 'flow_missing' })
  })
})
