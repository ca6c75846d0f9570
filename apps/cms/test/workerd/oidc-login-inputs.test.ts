/**
 * The dashboard's IdP sign-in (`auth/oidc-login.ts`) against an in-process IdP: what it accepts from the
 * browser (the signed flow cookie, in its one canonical form) and from the IdP (a bounded token response,
 * endpoints on https, plain http only to loopback in development).
 */
import { env } from 'cloudflare:test'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Client, client } from './helpers'

const ISSUER = 'https://idp.test'
const CLIENT_ID = 'cms-dashboard'
const oidcEnv = {
  AUTH_PROVIDER: 'oidc',
  OIDC_ISSUER: ISSUER,
  OIDC_AUDIENCE: 'cms-api',
  OIDC_CLIENT_ID: CLIENT_ID,
}
const FLOW_COOKIE = '__Host-cms_oidc'
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

let privateKey: CryptoKey
let jwk: Record<string, unknown>

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true })
  privateKey = pair.privateKey
  jwk = { ...(await exportJWK(pair.publicKey)), kid: 'login-key-1', alg: 'ES256', use: 'sig' }
})

/** The nonce the CMS sent with the authorization request, so the token endpoint can answer with it. */
let currentNonce = ''

function idToken(sub: string): Promise<string> {
  return new SignJWT({ nonce: currentNonce })
    .setProtectedHeader({ alg: 'ES256', kid: 'login-key-1' })
    .setIssuer(ISSUER)
    .setAudience(CLIENT_ID)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey)
}

interface Idp {
  /** Endpoints named by the discovery document. */
  endpoints?: { authorization_endpoint: string; token_endpoint: string }
  /** The token endpoint's answer. */
  token(): Promise<Response>
}

function idpFetch(idp: Idp): typeof fetch {
  return async (input) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url === `${ISSUER}/.well-known/openid-configuration`) {
      return Response.json({
        issuer: ISSUER,
        jwks_uri: `${ISSUER}/jwks`,
        ...(idp.endpoints ?? {
          authorization_endpoint: `${ISSUER}/authorize`,
          token_endpoint: `${ISSUER}/token`,
        }),
      })
    }
    if (url === `${ISSUER}/jwks`) return Response.json({ keys: [jwk] })
    if (url === (idp.endpoints?.token_endpoint ?? `${ISSUER}/token`)) return idp.token()
    return new Response('not found', { status: 404 })
  }
}

const goodIdp: Idp = {
  token: async () => Response.json({ id_token: await idToken(`ada-${crypto.randomUUID()}`) }),
}

/** Starts the sign-in; returns the `state` the IdP would send back. */
async function start(c: Client): Promise<string> {
  const res = await c.fetch('/login/oidc')
  expect(res.status).toBe(303)
  const target = new URL(res.headers.get('location') ?? '')
  currentNonce = target.searchParams.get('nonce') ?? ''
  return target.searchParams.get('state') ?? ''
}

async function callback(c: Client, state: string): Promise<Response> {
  return c.fetch(`/login/oidc/callback?code=code-1&state=${encodeURIComponent(state)}`)
}

/** The reason the last failed sign-in was audited with. */
async function lastFailure(): Promise<string | null> {
  const row = await env.DB.prepare(
    "SELECT reason FROM audit_log WHERE action = 'auth.oidc_login' AND outcome = 'failure' ORDER BY rowid DESC LIMIT 1",
  ).first<{ reason: string | null }>()
  return row?.reason ?? null
}

const signedIn = (res: Response) =>
  res.status === 303 && res.headers.getSetCookie().some((line) => line.startsWith('__Host-cms_session='))

describe('dashboard sign-in through the IdP', () => {
  it('signs in with a valid flow cookie, state and ID token', async () => {
    const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch(goodIdp) } })
    const res = await callback(c, await start(c))
    expect(signedIn(res)).toBe(true)
  })

  it.each([
    ['with padding', (mac: string) => `${mac}=`],
    // 32 MAC bytes take 43 characters whose last one carries 2 unused bits; setting one decodes to the
    // same bytes in a lenient decoder, so the cookie would have two accepted spellings.
    [
      'with non-zero unused bits',
      (mac: string) => mac.slice(0, -1) + alphabet[alphabet.indexOf(mac.slice(-1)) ^ 1],
    ],
  ])('refuses a flow cookie whose MAC is spelled %s', async (_label, respell) => {
    const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch(goodIdp) } })
    const state = await start(c)
    const [body, mac] = (c.cookies.get(FLOW_COOKIE) ?? '').split('.')
    expect(body && mac?.length).toBe(43)
    c.cookies.set(FLOW_COOKIE, `${body}.${respell(mac ?? '')}`)
    const res = await callback(c, state)
    expect(signedIn(res)).toBe(false)
    expect(res.headers.get('location')).toBe('/login?reason=expired')
    expect(await lastFailure()).toBe('flow_missing')
  })

  it('refuses a huge token response without reading it whole', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20) // JSON whitespace: only the size can fail it
    const offered = 32 * 1024 * 1024
    let pulled = 0
    let cancelled = false
    const idp: Idp = {
      token: async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              if (pulled >= offered) return controller.close()
              pulled += chunk.byteLength
              controller.enqueue(chunk.slice())
            },
            cancel() {
              cancelled = true
            },
          }),
          { headers: { 'content-type': 'application/json' } },
        ),
    }
    const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch(idp) } })
    const res = await callback(c, await start(c))
    expect(signedIn(res)).toBe(false)
    expect(await lastFailure()).toBe('token_exchange')
    expect(pulled).toBeLessThan(1024 * 1024)
    expect(cancelled).toBe(true)
  })

  it('refuses a token response that declares a size over the cap, before reading it', async () => {
    const idp: Idp = {
      token: async () =>
        new Response('{}', { headers: { 'content-type': 'application/json', 'content-length': '10000000' } }),
    }
    const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch(idp) } })
    const res = await callback(c, await start(c))
    expect(signedIn(res)).toBe(false)
    expect(await lastFailure()).toBe('token_exchange')
  })

  it('refuses a token endpoint that redirects', async () => {
    const idp: Idp = {
      token: async () =>
        new Response(null, { status: 302, headers: { location: 'https://elsewhere.test/' } }),
    }
    const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch(idp) } })
    const res = await callback(c, await start(c))
    expect(signedIn(res)).toBe(false)
    expect(await lastFailure()).toBe('token_exchange')
  })

  const httpLoopback = {
    authorization_endpoint: 'http://127.0.0.1:9/authorize',
    token_endpoint: 'http://localhost:9/token',
  }

  it.each([
    [
      'a plain-http host',
      { authorization_endpoint: 'http://idp.test/authorize', token_endpoint: `${ISSUER}/token` },
    ],
    ['plain-http loopback outside development', httpLoopback],
    [
      'credentials in the URL',
      { authorization_endpoint: 'https://user:pw@idp.test/authorize', token_endpoint: `${ISSUER}/token` },
    ],
  ])('refuses a discovery document naming %s (502, nothing set)', async (_label, endpoints) => {
    const c = client({ env: oidcEnv, deps: { oidcFetch: idpFetch({ ...goodIdp, endpoints }) } })
    const res = await c.fetch('/login/oidc')
    expect(res.status).toBe(502)
    expect(c.cookies.has(FLOW_COOKIE)).toBe(false)
  })

  it('accepts plain-http loopback endpoints in development', async () => {
    const c = client({
      env: { ...oidcEnv, ENVIRONMENT: 'development' },
      deps: { oidcFetch: idpFetch({ ...goodIdp, endpoints: httpLoopback }) },
    })
    const res = await c.fetch('/login/oidc')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:9\/authorize\?/)
  })
})
