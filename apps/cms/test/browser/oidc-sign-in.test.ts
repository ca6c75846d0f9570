/**
 * Dashboard sign-in through an IdP in real Chromium: a local `oidc-provider` on 127.0.0.1 (development
 * interactions enabled here only) with a public PKCE client whose redirect URI is on the `wrangler dev`
 * origin. The CMS runs in oidc mode with `OIDC_CLIENT_ID`; the browser goes CMS → IdP login and consent →
 * CMS callback → a session for a first-time (roleless) user. A forged callback is refused, and without
 * `OIDC_CLIENT_ID` the sign-in page explains that the API takes IdP bearer tokens.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair } from 'jose'
import Provider from 'oidc-provider'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWranglerDev, type WranglerDev } from '../node/fixtures/wrangler-dev'
import { type Browser, checkPage, launchChromium, type SecretBook } from './chromium'

const CLIENT_ID = 'cms-dashboard'
let browser: Browser
let page: Page
let cms: WranglerDev
let idp: Server
let issuer = ''
const secrets: SecretBook = new Map()

beforeAll(async () => {
  browser = await launchChromium()
  page = browser.page
  // The provider needs the CMS origin for its redirect URI, and the CMS needs the issuer: listen first.
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
  secrets.set('admin password', cms.admin.password)
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const provider = new Provider(issuer, {
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
  })
  handler = provider.callback()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  cms?.stop()
  idp?.closeAllConnections()
  await new Promise<void>((ok) => (idp ? idp.close(() => ok()) : ok()))
})

describe('OIDC dashboard sign-in in Chromium', () => {
  it('signs in by authorization code + PKCE and creates a session for a roleless first-time user', async () => {
    await page.goto(`${cms.base}/spaces`)
    expect(new URL(page.url()).pathname).toBe('/login')
    const button = page.getByRole('link', { name: `Sign in with ${new URL(issuer).host}` })
    await checkPage(page, secrets, '30-oidc-sign-in')
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().startsWith(`${issuer}/auth?`)),
      page.waitForURL(`${issuer}/interaction/**`),
      button.click(),
    ])
    const authorize = new URL(request.url())
    await page.locator('input[name=login]').fill('alice')
    await page.locator('input[name=password]').fill('any-password')
    await Promise.all([page.waitForEvent('load'), page.locator('button[type=submit]').click()])
    if (page.url().startsWith(issuer)) {
      // The consent step of the development interactions.
      await Promise.all([page.waitForURL(`${cms.base}/**`), page.locator('button[type=submit]').click()])
    }
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID)
    for (const p of ['state', 'nonce', 'code_challenge'])
      expect(authorize.searchParams.get(p)).toMatch(/^[\w-]{43}$/)
    expect(new URL(page.url()).pathname).toBe('/spaces')
    expect(await page.locator('main').textContent()).toContain('you have no role in any space yet')
    await checkPage(page, secrets, '31-oidc-signed-in')
    const rows = await cms.d1(
      `SELECT s.auth_method AS method, i.sub AS sub, i.iss AS iss FROM sessions s
       JOIN oidc_identities i ON i.user_id = s.user_id`,
    )
    expect(rows[0]).toEqual([{ method: 'oidc', sub: 'alice', iss: issuer }])
  })

  it('refuses a callback whose state does not match the flow cookie', async () => {
    await page.goto(`${cms.base}/login/oidc/callback?state=forged&code=whatever`)
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(await page.getByRole('status').textContent()).toContain('expired or was interrupted')
    const audit = await cms.d1(`SELECT reason FROM audit_log WHERE action = 'auth.oidc_login' ORDER BY id`)
    expect(audit[0]?.map((r) => r.reason)).toEqual([null, 'flow_missing'])
  })

  it('explains that the API takes IdP bearer tokens when no dashboard client is configured', async () => {
    await cms.restart({ OIDC_CLIENT_ID: '' })
    await page.goto(`${cms.base}/login`)
    const text = (await page.locator('main').textContent()) ?? ''
    expect(text).toContain('Authorization: Bearer')
    expect(text).toContain('OIDC_CLIENT_ID')
    await checkPage(page, secrets, '32-oidc-api-only')
  })
})
