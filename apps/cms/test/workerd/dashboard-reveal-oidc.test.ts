/**
 * The resumed reveal in OIDC mode, so a sign-in never loses where the user was going: a reveal that needs
 * a fresh sign-in sends the browser to the sign-in page, whose "Sign in with <IdP>" asks the IdP to
 * authenticate again and, after the callback, lands on the tokens page offering that token's reveal
 * (`?reveal=tok_…#reveal-now`).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { revealSignInPath } from '../../src/features/api-tokens/page'
import { client } from './helpers'
import { CLIENT_ID, createLocalIdp, type LocalIdp, oidcEnv } from './oidc-idp'

let idp: LocalIdp
beforeAll(async () => {
  idp = await createLocalIdp()
})

describe('a reveal resumed through the IdP', () => {
  it('keeps the reveal address through sign-in page, authorization request and callback', async () => {
    const c = client({
      env: { ...oidcEnv, OIDC_CLIENT_ID: CLIENT_ID },
      deps: { oidcFetch: (input, init) => idp.fetch(input, init) },
    })
    const spaceId = `spc_${'B'.repeat(22)}`
    const tokenId = `tok_${'C'.repeat(22)}`
    const signIn = await (await c.fetch(revealSignInPath(spaceId, tokenId))).text()
    const start = /href="(\/login\/oidc\?[^"]+)"/.exec(signIn)?.[1]?.replaceAll('&amp;', '&') ?? ''
    expect(start).toContain('reauth=1')
    const toIdp = await c.fetch(start)
    expect(toIdp.status).toBe(303)
    const authorize = new URL(toIdp.headers.get('location') ?? '')
    expect(authorize.searchParams.get('prompt')).toBe('login')
    idp.nextIdToken = await idp.idToken({
      sub: `resume-${crypto.randomUUID()}`,
      nonce: authorize.searchParams.get('nonce') ?? '',
      auth_time: Math.floor(Date.now() / 1000),
    })
    const back = await c.fetch(`/login/oidc/callback?state=${authorize.searchParams.get('state')}&code=abc`)
    expect(back.status).toBe(303)
    expect(back.headers.get('location')).toBe(
      `/spaces/${spaceId}/settings/tokens?reveal=${tokenId}#reveal-now`,
    )
  })
})
