/**
 * The dashboard's IdP sign-in (`features/sessions/oidc-sign-in.ts`) against an in-process IdP: what it accepts from the
 * browser (the signed flow cookie, in its one canonical form) and from the IdP (a bounded token response,
 * endpoints on https, plain http only to loopback in development).
 */
import { env } from 'cloudflare:test'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Client, client } from './helpers'

const CLIENT_ID = 'cms-dashboard'
const FLOW_COOKIE = '__Host-cms_oidc'
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

let privateKey: CryptoKey
let jwk: Record<string, unknown>

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true })
  privateKey = pair.privateKey
  jwk = { ...(await exportJWK(pair.publicKey)), kid: 'login-key-1', alg: 'ES256', use: 'sig' }
})

interface IdpOptions {
  /** Endpoints named by the discovery document (default: https ones on the issuer). */
  endpoints?: { authorization_endpoint: string; token_endpoint: string }
  /** The token endpoint's answer (default: a valid ID token for a new user). */
  token?: (idToken: () => Promise<string>) => Promise<Response>
}

/**
 * An in-process IdP with an issuer of its own: discovery documents are cached by issuer URL in the shared
 * store, so two IdPs with different documents must not share one.
 */
interface Idp {
  issuer: string
  fetch: typeof fetch
  discoveryFetches: number
  /** The nonce the CMS sent with the authorization request, echoed in the ID token. */
  nonce: string
}

function makeIdp(options: IdpOptions = {}): Idp {
  const issuer = `https://${crypto.randomUUID()}.idp.test`
  const endpoints = options.endpoints ?? {
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
  }
  const idToken = () =>
    new SignJWT({ nonce: idp.nonce })
      .setProtectedHeader({ alg: 'ES256', kid: 'login-key-1' })
      .setIssuer(issuer)
      .setAudience(CLIENT_ID)
      .setSubject(`ada-${crypto.randomUUID()}`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey)
  const token =
    options.token ??
    (async (make) => Response.json({ access_token: 'at', token_type: 'Bearer', id_token: await make() }))
  const idp: Idp = {
    issuer,
    discoveryFetches: 0,
    nonce: '',
    fetch: async (input) => {
      const url = String(input instanceof Request ? input.url : input)
      if (url === `${issuer}/.well-known/openid-configuration`) {
        idp.discoveryFetches++
        return Response.json({ issuer, jwks_uri: `${issuer}/jwks`, ...endpoints })
      }
      if (url === `${issuer}/jwks`) return Response.json({ keys: [jwk] })
      if (url === endpoints.token_endpoint) return token(idToken)
      return new Response('not found', { status: 404 })
    },
  }
  return idp
}

function clientFor(idp: Idp, environment = 'production'): Client {
  return client({
    env: {
      AUTH_PROVIDER: 'oidc',
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: 'cms-api',
      OIDC_CLIENT_ID: CLIENT_ID,
      ENVIRONMENT: environment,
    },
    deps: { oidcFetch: idp.fetch },
  })
}

/** Starts the sign-in; returns the `state` the IdP would send back. */
async function start(c: Client, idp: Idp): Promise<string> {
  const res = await c.fetch('/login/oidc')
  expect(res.status).toBe(303)
  const target = new URL(res.headers.get('location') ?? '')
  idp.nonce = target.searchParams.get('nonce') ?? ''
  return target.searchParams.get('state') ?? ''
}

async function callback(c: Client, state: string): Promise<Response> {
  return c.fetch(`/login/oidc/callback?code=code-1&state=${encodeURIComponent(state)}`)
}

/** A whole sign-in: start, then the callback with the state the IdP echoes. */
async function signIn(idp: Idp, c: Client = clientFor(idp)): Promise<Response> {
  return callback(c, await start(c, idp))
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
    expect(signedIn(await signIn(makeIdp()))).toBe(true)
  })

  it('reads the discovery document once for sign-ins and ID-token checks alike (cached with the verifier)', async () => {
    const idp = makeIdp()
    const c = clientFor(idp)
    expect(signedIn(await signIn(idp, c))).toBe(true)
    expect(signedIn(await signIn(idp, c))).toBe(true)
    expect(idp.discoveryFetches).toBe(1)
  })

  it('refuses a callback whose iss names another issuer (RFC 9207: a mixed-up IdP)', async () => {
    const idp = makeIdp()
    const c = clientFor(idp)
    const state = await start(c, idp)
    const iss = encodeURIComponent('https://evil.test')
    const res = await c.fetch(
      `/login/oidc/callback?code=code-1&state=${encodeURIComponent(state)}&iss=${iss}`,
    )
    expect(signedIn(res)).toBe(false)
    expect(await lastFailure()).toBe('callback_invalid')
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
    const idp = makeIdp()
    const c = clientFor(idp)
    const state = await start(c, idp)
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
    const idp = makeIdp({
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
    })
    expect(signedIn(await signIn(idp))).toBe(false)
    expect(await lastFailure()).toBe('token_exchange')
    expect(pulled).toBeLessThan(1024 * 1024)
    expect(cancelled).toBe(true)
  })

  it('refuses a token response that declares a size over the cap, before reading it', async () => {
    const idp = makeIdp({
      token: async () =>
        new Response('{}', { headers: { 'content-type': 'application/json', 'content-length': '10000000' } }),
    })
    expect(signedIn(await signIn(idp))).toBe(false)
    expect(await lastFailure()).toBe('token_exchange')
  })

  it('refuses a token endpoint that redirects', async () => {
    const idp = makeIdp({
      token: async () =>
        new Response(null, { status: 302, headers: { location: 'https://elsewhere.test/' } }),
    })
    expect(signedIn(await signIn(idp))).toBe(false)
    expect(await lastFailure()).toBe('token_exchange')
  })

  const httpLoopback = {
    authorization_endpoint: 'http://127.0.0.1:9/authorize',
    token_endpoint: 'http://localhost:9/token',
  }

  it.each([
    [
      'a plain-http host',
      { authorization_endpoint: 'http://idp.test/authorize', token_endpoint: 'https://idp.test/token' },
    ],
    ['plain-http loopback outside development', httpLoopback],
    [
      'credentials in the URL',
      {
        authorization_endpoint: 'https://user:pw@idp.test/authorize',
        token_endpoint: 'https://idp.test/token',
      },
    ],
  ])('refuses a discovery document naming %s (502, nothing set)', async (_label, endpoints) => {
    const c = clientFor(makeIdp({ endpoints }))
    const res = await c.fetch('/login/oidc')
    expect(res.status).toBe(502)
    expect(c.cookies.has(FLOW_COOKIE)).toBe(false)
  })

  it('accepts plain-http loopback endpoints in development', async () => {
    const res = await clientFor(makeIdp({ endpoints: httpLoopback }), 'development').fetch('/login/oidc')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:9\/authorize\?/)
  })
})
