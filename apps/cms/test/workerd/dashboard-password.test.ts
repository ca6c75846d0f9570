/**
 * The dashboard's own-password page (`/account/password`) for local users, on the same service as
 * `POST /api/auth/password`: linked from the header, the current password checked first (and throttled
 * like a sign-in), other sessions ended, a notice after success, and no password in any answer.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { submitForm } from './forms'
import { client, loggedIn, PASSWORD } from './helpers'
import { CLIENT_ID, createLocalIdp, type LocalIdp, oidcEnv } from './oidc-idp'

const PAGE = '/account/password'
const NEW_PASSWORD = 'a page-made passphrase 77'

/** Every header and the body of a response, as one string to search. */
async function everything(res: Response): Promise<string> {
  return `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.clone().text()}`
}

async function change(me: Awaited<ReturnType<typeof loggedIn>>, fields: Record<string, string>) {
  const post = await submitForm(me, PAGE, fields)
  expect(post.status).toBe(303)
  const location = post.headers.get('location') ?? ''
  const page = await me.fetch(location)
  expect(page.status).toBe(200)
  return { post, location, page, html: await page.clone().text() }
}

describe('the change-password page', () => {
  it('is linked from the header of a local user and asks for the current and the new password', async () => {
    const me = await loggedIn()
    const spaces = await (await me.fetch('/spaces')).text()
    expect(spaces).toContain(`href="${PAGE}"`)
    const res = await me.fetch(PAGE)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>Change your password</h1>')
    expect(html).toMatch(/name="currentPassword" type="password"[^>]*autocomplete="current-password"/)
    expect(html).toMatch(/name="newPassword" type="password"[^>]*autocomplete="new-password"/)
  })

  it('changes it: a notice, the other sessions end, this one stays, and no password is in any answer', async () => {
    const me = await loggedIn()
    const elsewhere = client()
    await elsewhere.fetch('/api/auth/login', { json: { email: me.user.email, password: PASSWORD } })
    const done = await change(me, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
    expect(new URL(done.location, 'https://x').pathname).toBe(PAGE)
    expect(done.html).toContain('Password changed.')
    expect(done.html).toContain('Your other sessions were signed out')
    for (const text of [await everything(done.post), await everything(done.page)]) {
      expect(text).not.toContain(PASSWORD)
      expect(text).not.toContain(NEW_PASSWORD)
    }
    expect((await me.fetch('/api/auth/me')).status).toBe(200)
    expect((await elsewhere.fetch('/api/auth/me')).status).toBe(401)
    const login = await client().fetch('/api/auth/login', {
      json: { email: me.user.email, password: NEW_PASSWORD },
    })
    expect(login.status).toBe(200)
    // The notice is shown once.
    expect(await (await me.fetch(PAGE)).text()).not.toContain('Password changed.')
  })

  it('refuses a wrong current password next to its field, re-showing no password, audited', async () => {
    const me = await loggedIn()
    const done = await change(me, { currentPassword: 'a wrong guess at it', newPassword: NEW_PASSWORD })
    expect(done.html).toMatch(/id="f-currentPassword-error"[^>]*>The current password is wrong/)
    expect(done.html).not.toContain('a wrong guess at it')
    expect(done.html).not.toContain(NEW_PASSWORD)
    expect(done.html).not.toMatch(/name="(current|new)Password"[^>]*value="[^"]/)
    const entry = await env.DB.prepare(
      "SELECT outcome, reason FROM audit_log WHERE action = 'auth.password_change' AND target_id = ?1",
    )
      .bind(me.user.id)
      .first()
    expect(entry).toEqual({ outcome: 'failure', reason: 'invalid_credentials' })
  })

  it('refuses a short new password with a field error and changes nothing', async () => {
    const me = await loggedIn()
    const done = await change(me, { currentPassword: PASSWORD, newPassword: 'short' })
    expect(done.html).toMatch(/id="f-newPassword-error"[^>]*>At least 12 characters/)
    expect(done.html).not.toContain(PASSWORD)
    const login = await client().fetch('/api/auth/login', {
      json: { email: me.user.email, password: PASSWORD },
    })
    expect(login.status).toBe(200)
  })

  it('shares the sign-in throttle: after 5 wrong guesses it says to wait, even for the right password', async () => {
    const me = await loggedIn()
    const ip = { 'cf-connecting-ip': '203.0.113.61' }
    for (let i = 0; i < 5; i++) {
      const res = await me.fetch(PAGE, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...ip },
        body: new URLSearchParams({
          currentPassword: `wrong ${i}`,
          newPassword: NEW_PASSWORD,
          csrf_token: ((await (await me.fetch('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken,
        }).toString(),
      })
      expect(res.status).toBe(303)
    }
    const csrf = ((await (await me.fetch('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken
    const locked = await me.fetch(PAGE, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...ip },
      body: new URLSearchParams({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, csrf_token: csrf }),
    })
    expect(locked.status).toBe(303)
    const html = await (await me.fetch(locked.headers.get('location') ?? '')).text()
    expect(html).toMatch(/Too many wrong passwords for this account\. Try again in 1[45] minutes\./)
    const login = await client().fetch('/api/auth/login', {
      json: { email: me.user.email, password: PASSWORD },
    })
    expect(login.status).toBe(200)
  })
})

describe('an IdP user', () => {
  let idp: LocalIdp
  beforeAll(async () => {
    idp = await createLocalIdp()
  })

  it('has no password here: no header link, and the page is not found', async () => {
    const c = client({
      env: { ...oidcEnv, OIDC_CLIENT_ID: CLIENT_ID },
      deps: { oidcFetch: (input, init) => idp.fetch(input, init) },
    })
    const toIdp = await c.fetch('/login/oidc?next=%2Fspaces')
    const authorize = new URL(toIdp.headers.get('location') ?? '')
    idp.nextIdToken = await idp.idToken({
      sub: `no-password-${crypto.randomUUID()}`,
      nonce: authorize.searchParams.get('nonce') ?? '',
      auth_time: Math.floor(Date.now() / 1000),
    })
    const back = await c.fetch(`/login/oidc/callback?state=${authorize.searchParams.get('state')}&code=abc`)
    expect(back.headers.get('location')).toBe('/spaces')
    const spaces = await c.fetch('/spaces')
    expect(spaces.status).toBe(200)
    expect(await spaces.text()).not.toContain(PAGE)
    const page = await c.fetch(PAGE, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(404)
  })
})
