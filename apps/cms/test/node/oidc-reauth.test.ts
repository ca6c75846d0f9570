/**
 * Re-authentication through a real IdP, without a browser: a local `oidc-provider` on 127.0.0.1
 * (development interactions, a public PKCE client) and the CMS on `wrangler dev` in oidc mode. The test
 * follows the redirects itself, keeps one cookie jar per origin, and fills the IdP's login and consent
 * forms. A plain sign-in that the IdP answers from its single sign-on session is not "recent" (the ID
 * token says nothing about `auth_time`), so it cannot reveal a token; "sign in again" sends
 * `prompt=login` and `max_age=0`, the IdP asks for the login again although its session is alive, and the
 * new session starts at the ID token's `auth_time`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair } from 'jose'
import Provider from 'oidc-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWranglerDev, type WranglerDev } from './fixtures/wrangler-dev'

const CLIENT_ID = 'cms-dashboard'
const SPACE_ID = `spc_${'R'.repeat(22)}`
const NO_TOKEN = `tok_${'A'.repeat(22)}`
let cms: WranglerDev
let idp: Server
let issuer = ''
/** Cookies by origin, by name (paths ignored: each server only ever sees its own). */
const jars = new Map<string, Map<string, string>>()

beforeAll(async () => {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined
  idp = createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()))
  await new Promise<void>((ok) => idp.listen(0, '127.0.0.1', ok))
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`
  cms = await startWranglerDev({
    AUTH_PROVIDER: 'oidc',
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: 'cms-api',
    OIDC_CLIENT_ID: CLIENT_ID,
  })
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  handler = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${cms.base}/login/oidc/callback`],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
  }).callback()
}, 120_000)

afterAll(async () => {
  cms?.stop()
  idp?.closeAllConnections()
  await new Promise<void>((ok) => (idp ? idp.close(() => ok()) : ok()))
})

async function request(url: string, init: RequestInit = {}): Promise<Response> {
  const origin = new URL(url).origin
  const jar = jars.get(origin) ?? new Map<string, string>()
  jars.set(origin, jar)
  const headers = new Headers(init.headers)
  if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
  const res = await fetch(url, { ...init, headers, redirect: 'manual' })
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';')
    const eq = pair.indexOf('=')
    const value = pair.slice(eq + 1)
    if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(pair.slice(0, eq))
    else jar.set(pair.slice(0, eq), value)
  }
  return res
}

/** The signed-in user as the CMS sees them. */
async function me(): Promise<{ id: string; authenticatedAt: number }> {
  return (await (await request(`${cms.base}/api/auth/me`)).json()) as { id: string; authenticatedAt: number }
}

/** Signs in through the IdP; answers the authorize URL and the prompts the IdP showed. */
async function signIn(reauth: boolean): Promise<{ authorize: URL; prompts: string[] }> {
  const start = await request(`${cms.base}/login/oidc?next=%2Fspaces${reauth ? '&reauth=1' : ''}`)
  const authorize = new URL(start.headers.get('location') ?? '')
  const prompts: string[] = []
  let url = authorize.href
  for (let hop = 0; hop < 20 && !url.startsWith(cms.base); hop++) {
    const res = await request(url)
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location') ?? '', url).href
      continue
    }
    // An interaction page: answer its prompt (any login name and password work in development).
    const prompt = /name="prompt" value="(\w+)"/.exec(await res.text())?.[1] ?? 'unknown'
    prompts.push(prompt)
    const form = new URLSearchParams({ prompt, login: 'alice', password: 'any-password' })
    const done = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    })
    url = new URL(done.headers.get('location') ?? '', url).href
  }
  const callback = await request(url)
  expect(callback.headers.get('location')).toBe('/spaces')
  return { authorize, prompts }
}

const reveal = () =>
  request(`${cms.base}/api/spaces/${SPACE_ID}/tokens/${NO_TOKEN}/reveal`, {
    method: 'POST',
    headers: { origin: cms.base },
  })

describe('re-authentication through a real IdP', () => {
  it('a sign-in answered from the IdP session is not recent; "sign in again" makes the IdP ask again', async () => {
    const first = await signIn(false)
    expect(first.prompts).toContain('login')
    expect(first.authorize.searchParams.get('prompt')).toBeNull()
    const user = await me()
    await cms.d1(
      `INSERT INTO spaces (id, name, created_by, created_at, updated_at) VALUES ('${SPACE_ID}', 'R', NULL, 0, 0);
       INSERT INTO space_roles (user_id, space_id, role, granted_at) VALUES ('${user.id}', '${SPACE_ID}', 'admin', 0)`,
    )
    // The second plain sign-in rides on the IdP's session: no login prompt, and nothing proves a fresh one.
    const sso = await signIn(false)
    expect(sso.prompts).not.toContain('login')
    expect((await me()).authenticatedAt).toBe(0)
    const res = await reveal()
    expect(res.status).toBe(403)
    expect(((await res.json()) as { code: string }).code).toBe('reauth_required')

    const before = Math.floor(Date.now() / 1000) * 1000 - 1000
    const again = await signIn(true)
    expect(again.authorize.searchParams.get('prompt')).toBe('login')
    expect(again.authorize.searchParams.get('max_age')).toBe('0')
    expect(again.prompts).toContain('login')
    expect((await me()).authenticatedAt).toBeGreaterThanOrEqual(before)
    // Recent now: the reveal gets past the re-authentication check (404: there is no such token).
    expect((await reveal()).status).toBe(404)
  })
})
