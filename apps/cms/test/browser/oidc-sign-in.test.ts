/**
 * Dashboard sign-in through an IdP in real Chromium: a local `oidc-provider` on 127.0.0.1 (development
 * interactions enabled here only) with a public PKCE client whose redirect URI is on the `wrangler dev`
 * origin. The CMS runs in oidc mode with `OIDC_CLIENT_ID`; the browser goes CMS → IdP login and consent →
 * CMS callback → a session for a first-time (roleless) user. The provider answers `email` and `name` at its
 * userinfo endpoint only (its default in the code flow), so the CMS names people from there: the first
 * admin is invited by email with the users CLI before anyone signs in, invites a colleague by email to a
 * space, an unverified token with that address claims nothing, and the colleague's first sign-in takes the
 * role and shows them by email everywhere (axe and sideways overflow checked at 1280 and 390 px). A forged
 * callback is refused, and without `OIDC_CLIENT_ID` the sign-in page explains that the API takes IdP
 * bearer tokens.
 */
import { execFile } from 'node:child_process'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { exportJWK, generateKeyPair } from 'jose'
import Provider from 'oidc-provider'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWranglerDev, type WranglerDev } from '../node/fixtures/wrangler-dev'
import { checkAtBothWidths } from './both-widths'
import { type Browser, checkPage, launchChromium, type SecretBook } from './chromium'
import { cmsApi } from './cms-api'

const CLIENT_ID = 'cms-dashboard'
// The IdP's people, by the login typed at its development login page (any password is accepted there).
const PEOPLE: Record<string, { email?: string; email_verified?: boolean; name?: string }> = {
  alice: {},
  ada: { email: 'ada.admin@example.com', email_verified: true, name: 'Ada Admin' },
  sam: { email: 'someone@example.com', email_verified: true, name: 'Sam Someone' },
  // The same address, not verified by the IdP: it must claim nothing.
  mallory: { email: 'someone@example.com', email_verified: false, name: 'Mallory' },
}
let browser: Browser
let page: Page
let cms: WranglerDev
let idp: Server
let issuer = ''
const secrets: SecretBook = new Map()
const run = promisify(execFile)
const CMS_DIR = resolve(import.meta.dirname, '../..')

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
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, ...PEOPLE[sub] }),
    }),
  })
  handler = provider.callback()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  cms?.stop()
  idp?.closeAllConnections()
  await new Promise<void>((ok) => (idp ? idp.close(() => ok()) : ok()))
})

/**
 * Signs `login` in from a fresh browser state (no CMS or IdP cookies): the CMS's sign-in link, the IdP's
 * development login and consent, back to the CMS. Answers the authorization request the CMS sent.
 */
async function signInAs(login: string, screenshotName?: string): Promise<URL> {
  await browser.context.clearCookies()
  await page.goto(`${cms.base}/spaces`)
  expect(new URL(page.url()).pathname).toBe('/login')
  const button = page.getByRole('link', { name: `Sign in with ${new URL(issuer).host}` })
  if (screenshotName) await checkPage(page, secrets, screenshotName)
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().startsWith(`${issuer}/auth?`)),
    page.waitForURL(`${issuer}/interaction/**`),
    button.click(),
  ])
  await page.locator('input[name=login]').fill(login)
  await page.locator('input[name=password]').fill('any-password')
  await Promise.all([page.waitForEvent('load'), page.locator('button[type=submit]').click()])
  if (page.url().startsWith(issuer)) {
    // The consent step of the development interactions.
    await Promise.all([page.waitForURL(`${cms.base}/**`), page.locator('button[type=submit]').click()])
  }
  return new URL(request.url())
}

const header = async () => (await page.locator('header .who').textContent()) ?? ''

/** Posts JSON to the CMS API with the browser's session cookie (and its origin, for the CSRF check). */
async function api(path: string, data: unknown) {
  return cmsApi(page, cms.base).post(path, { data })
}

describe('OIDC dashboard sign-in in Chromium', () => {
  it('signs in by authorization code + PKCE and creates a session for a roleless first-time user', async () => {
    const authorize = await signInAs('alice', '30-oidc-sign-in')
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

  it('makes the first admin by email, and a role granted by email takes effect at the first verified sign-in', async () => {
    // The first OIDC admin, invited with the users CLI before anyone can see their id.
    const grant = ['grant', '--local', '--persist-to', cms.persist, '--role', 'admin', '--invite']
    await run('tsx', ['scripts/users.ts', ...grant, '--email', 'ada.admin@example.com'], { cwd: CMS_DIR })
    await signInAs('ada')
    expect(await header()).toBe('ada.admin@example.com')
    const space = await api('/api/spaces', { name: 'Invited space' })
    expect(space.status()).toBe(201)
    const { id: spaceId } = (await space.json()) as { id: string }
    const invite = { email: 'someone@example.com', scope: 'space', spaceId, role: 'editor' }
    expect((await api('/api/admin/invitations', invite)).status()).toBe(201)

    // An ID token whose address the IdP has not verified claims nothing, and is marked wherever it shows.
    await signInAs('mallory')
    expect(await header()).toBe('someone@example.com (unverified)')
    expect(await page.locator('main').textContent()).toContain('you have no role in any space yet')
    expect((await page.goto(`${cms.base}/spaces/${spaceId}`))?.status()).toBe(403)
    expect(await cms.d1("SELECT email FROM invitations WHERE email = 'someone@example.com'")).toEqual([
      [{ email: 'someone@example.com' }],
    ])

    await signInAs('sam')
    expect(await header()).toBe('someone@example.com')
    expect(await page.locator('main').textContent()).toContain('Invited space')
    await checkAtBothWidths(page, secrets, '33-oidc-invited-spaces')
    const opened = await page.goto(`${cms.base}/spaces/${spaceId}`)
    expect(opened?.status()).toBe(200)
    expect(await page.locator('h1').textContent()).toContain('Invited space')
    expect(await header()).not.toContain('IdP user')
    await checkAtBothWidths(page, secrets, '34-oidc-invited-space')
    expect(await cms.d1('SELECT count(*) AS n FROM invitations')).toEqual([[{ n: 0 }]])

    await signInAs('ada')
    // Sam and Mallory both show the address; only Mallory's row marks it unverified.
    const idOf = async (sub: string) =>
      (
        (await cms.d1(`SELECT user_id AS id FROM oidc_identities WHERE sub = '${sub}'`)) as [[{ id: string }]]
      )[0][0].id
    await page.goto(`${cms.base}/admin/users?q=someone%40example.com`)
    const users = (await page.locator('main').textContent()) ?? ''
    expect(users).not.toContain('IdP user')
    const samRow = (await page.locator(`#user-${await idOf('sam')}`).textContent()) ?? ''
    expect(samRow).toContain('someone@example.com')
    expect(samRow).not.toContain('unverified')
    const malloryRow = (await page.locator(`#user-${await idOf('mallory')}`).textContent()) ?? ''
    expect(malloryRow).toContain('someone@example.com')
    expect(malloryRow).toContain('unverified')
    await checkAtBothWidths(page, secrets, '35-oidc-users-by-email')
    await page.goto(`${cms.base}/admin/audit?action=invitations.claim`)
    const audit = (await page.locator('main').textContent()) ?? ''
    expect(audit).toContain('someone@example.com')
    expect(audit).toContain('space:editor')
    expect(audit).not.toContain('IdP user')
    await checkAtBothWidths(page, secrets, '36-oidc-audit-by-email')
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
