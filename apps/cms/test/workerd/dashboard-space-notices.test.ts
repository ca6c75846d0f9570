/**
 * What the dashboard says after a space is created or deleted and after a sign-out: a "Space created"
 * notice on the new space's overview (where a new space opens), a confirmed, danger-styled deletion with
 * the name typed back ending on the spaces list with "Space deleted", and "Signed out" on the sign-in page.
 * Notices are fixed texts: nothing a URL carries becomes one.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { submitForm } from './forms'
import { type Client, loggedIn, makeSpace } from './helpers'

async function follow(c: Client, res: Response): Promise<{ location: string; html: string }> {
  expect(res.status).toBe(303)
  const location = res.headers.get('location') ?? ''
  const page = await c.fetch(location)
  expect(page.status).toBe(200)
  return { location, html: await page.text() }
}

const spaceCount = (id: string) =>
  env.DB.prepare('SELECT COUNT(*) AS n FROM spaces WHERE id = ?1').bind(id).first<number>('n')

describe('creating a space', () => {
  it('opens the new space on its overview with a "Space created" notice, once', async () => {
    const admin = await loggedIn({ globalAdmin: true })
    const { location, html } = await follow(
      admin,
      await submitForm(admin, '/spaces', { name: 'Fresh space' }),
    )
    const id = /^\/spaces\/(spc_[A-Za-z0-9_-]{22})$/.exec(location)?.[1] ?? ''
    expect(id).not.toBe('')
    expect(html).toContain('<h1>Fresh space</h1>')
    expect(html).toMatch(/role="status">Space created: “Fresh space”/)
    expect(await (await admin.fetch(location)).text()).not.toContain('Space created')
  })
})

describe('deleting a space', () => {
  it('is offered on the overview to a global admin only, as a danger link to a confirmation', async () => {
    const spaceId = await makeSpace('Doomed')
    const admin = await loggedIn({ globalAdmin: true })
    const overview = await (await admin.fetch(`/spaces/${spaceId}`)).text()
    expect(overview).toMatch(new RegExp(`class="button danger" href="/spaces/${spaceId}/delete"`))
    const spaceAdmin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    expect(await (await spaceAdmin.fetch(`/spaces/${spaceId}`)).text()).not.toContain('/delete"')
    const refused = await spaceAdmin.fetch(`/spaces/${spaceId}/delete`, { headers: { accept: 'text/html' } })
    expect(refused.status).toBe(403)
    const confirm = await admin.fetch(`/spaces/${spaceId}/delete`)
    expect(confirm.status).toBe(200)
    const html = await confirm.text()
    expect(html).toContain('<h1>Delete “Doomed”?</h1>')
    expect(html).toMatch(/<label for="f-name">Type the space’s name, Doomed, to confirm<\/label>/)
    expect(html).toMatch(/<button class="danger" type="submit">Delete space<\/button>/)
  })

  it('keeps the form with an error when the typed name is wrong, and deletes nothing', async () => {
    const spaceId = await makeSpace('Keep me')
    const admin = await loggedIn({ globalAdmin: true })
    const res = await submitForm(admin, `/spaces/${spaceId}/delete`, { name: 'keep me' })
    const { location, html } = await follow(admin, res)
    expect(location).toBe(`/spaces/${spaceId}/delete#form-errors`)
    expect(html).toMatch(/id="f-name-error"[^>]*>Type the space’s name exactly/)
    expect(html).toContain('value="keep me"')
    expect(await spaceCount(spaceId)).toBe(1)
  })

  it('deletes with the name typed back and lands on the spaces list with "Space deleted"', async () => {
    const spaceId = await makeSpace('Gone space')
    const admin = await loggedIn({ globalAdmin: true })
    const res = await submitForm(admin, `/spaces/${spaceId}/delete`, { name: 'Gone space' })
    const { location, html } = await follow(admin, res)
    expect(location).toBe('/spaces')
    expect(html).toMatch(/role="status">Space deleted: “Gone space”/)
    expect(await spaceCount(spaceId)).toBe(0)
    const audited = await env.DB.prepare(
      "SELECT outcome FROM audit_log WHERE action = 'spaces.delete' AND target_id = ?1",
    )
      .bind(spaceId)
      .first('outcome')
    expect(audited).toBe('success')
  })
})

describe('signing out', () => {
  it('says "Signed out" on the sign-in page', async () => {
    const me = await loggedIn()
    const { location, html } = await follow(me, await submitForm(me, '/logout', {}))
    expect(location).toBe('/login?notice=signed-out')
    expect(html).toMatch(/role="status">Signed out\./)
  })

  it('shows no notice for an id it does not know: a URL cannot write one', async () => {
    const me = await loggedIn()
    for (const notice of ['Your account is compromised', 'constructor', '__proto__', 'toString']) {
      const html = await (await me.fetch(`/login?notice=${encodeURIComponent(notice)}`)).text()
      expect(html).not.toContain('role="status"')
      expect(html).not.toContain('compromised')
    }
  })
})
