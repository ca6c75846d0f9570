/**
 * Post/redirect/get for the password sign-in form: a failed sign-in answers 303 back to
 * `/login` (keeping a safe `next`), the GET shows the problem and the typed email once, a reload shows
 * neither, and the password is in no response. The one-time result is a flash bound to the visitor's
 * pre-login form-token cookie, so another visitor holding the flash cookie reads nothing.
 */
import { describe, expect, it } from 'vitest'
import { type Client, client, makeUser } from './helpers'

const WRONG = 'wrong-password-Vx93kq'

async function signInForm(c: Client, path: string): Promise<string> {
  const html = await (await c.fetch(path)).text()
  const token = /name="csrf_token" value="([^"]+)"/.exec(html)?.[1]
  if (token === undefined) throw new Error('no form token on the sign-in page')
  return token
}

async function postSignIn(c: Client, path: string, fields: Record<string, string>): Promise<Response> {
  const csrf_token = await signInForm(c, path)
  return c.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, csrf_token }).toString(),
  })
}

/** Every header and the body of a response, as one string to search. */
async function everything(res: Response): Promise<string> {
  return `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.clone().text()}`
}

describe('a failed password sign-in', () => {
  it('answers 303 to /login with next kept, shows the error and the email once, and never the password', async () => {
    const user = await makeUser()
    const c = client()
    const seen: string[] = []
    const post = await postSignIn(c, '/login?next=%2Fadmin%2Fusers', { email: user.email, password: WRONG })
    seen.push(await everything(post))
    expect(post.status).toBe(303)
    const location = post.headers.get('location') ?? ''
    expect(location).toBe('/login?next=%2Fadmin%2Fusers')
    expect(location).not.toContain(encodeURIComponent(user.email))

    const shown = await c.fetch(location)
    seen.push(await everything(shown))
    expect(shown.status).toBe(200)
    const html = await shown.text()
    expect(html).toContain('The email or password is wrong.')
    expect(html).toContain(`value="${user.email}"`)
    expect(html).toContain('action="/login?next=%2Fadmin%2Fusers"')

    const reload = await c.fetch(location)
    seen.push(await everything(reload))
    const again = await reload.text()
    expect(again).not.toContain('The email or password is wrong.')
    expect(again).not.toContain(user.email)
    for (const text of seen) expect(text).not.toContain(WRONG)
  })

  it('keeps an unsafe next out of the redirect', async () => {
    const user = await makeUser()
    const post = await postSignIn(client(), '/login?next=%2F%2Fevil.test', {
      email: user.email,
      password: WRONG,
    })
    expect(post.status).toBe(303)
    expect(post.headers.get('location')).toBe('/login?next=%2Fspaces')
  })

  it('keeps a known reason for signing in, and drops any other', async () => {
    const user = await makeUser()
    const fields = { email: user.email, password: WRONG }
    const known = await postSignIn(client(), '/login?next=%2Fspaces&reason=reveal', fields)
    expect(known.headers.get('location')).toBe('/login?next=%2Fspaces&reason=reveal')
    const unknown = await postSignIn(client(), '/login?reason=constructor', fields)
    expect(unknown.headers.get('location')).toBe('/login')
  })

  it('carries a validation problem the same way', async () => {
    const c = client()
    const post = await postSignIn(c, '/login', { email: 'someone@example.com', password: '' })
    expect(post.status).toBe(303)
    const html = await (await c.fetch(post.headers.get('location') ?? '')).text()
    expect(html).toContain('value="someone@example.com"')
    expect(html).toContain('aria-invalid="true"')
  })

  it('shows the lockout message after too many attempts', async () => {
    const user = await makeUser()
    const c = client()
    let location = ''
    for (let i = 0; i < 6; i++) {
      const post = await postSignIn(c, '/login', { email: user.email, password: WRONG })
      expect(post.status).toBe(303)
      location = post.headers.get('location') ?? ''
      if (i < 5) await c.fetch(location)
    }
    const html = await (await c.fetch(location)).text()
    expect(html).toContain('Too many failed sign-ins for this account')
    expect(html).toContain(`value="${user.email}"`)
  })

  it('is shown only to the visitor whose form it was: a copied flash cookie reads nothing', async () => {
    const user = await makeUser()
    const victim = client()
    const post = await postSignIn(victim, '/login', { email: user.email, password: WRONG })
    const other = client()
    await other.fetch('/login')
    for (const [name, value] of victim.cookies) if (name.includes('cms_flash')) other.cookies.set(name, value)
    const html = await (await other.fetch(post.headers.get('location') ?? '')).text()
    expect(html).not.toContain(user.email)
    expect(html).not.toContain('The email or password is wrong.')
    // The victim still gets it: the other visitor's attempt did not consume it.
    const own = await (await victim.fetch(post.headers.get('location') ?? '')).text()
    expect(own).toContain('The email or password is wrong.')
  })
})

describe('the sign-in page’s reason', () => {
  it('shows only a reason of its own: a name from Object.prototype shows nothing', async () => {
    const res = await client().fetch('/login?reason=constructor', { headers: { accept: 'text/html' } })
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).not.toContain('native code')
    // Before: `REASONS['constructor']` is truthy, so an empty warning box was drawn.
    expect(page).not.toContain('class="notice warn"')
  })
})
