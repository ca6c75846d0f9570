/**
 * The Members tab of a space, for its admins: the members by email with their roles, the pending
 * invitations, adding by email, and removing after a confirmation page — through the same service as
 * `/api/spaces/:spaceId/members`. Editors do not see the tab.
 */
import { describe, expect, it } from 'vitest'
import { followRedirect, submitForm } from './forms'
import { loggedIn, makeSpace, makeUser } from './helpers'

describe('the Members tab', () => {
  it('lists members and invitations, adds by email and keeps what was typed on an error', async () => {
    const spaceId = await makeSpace('Shop')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const editor = await makeUser({ spaces: [{ spaceId, role: 'editor' }] })
    const page = await (await admin.fetch(`/spaces/${spaceId}/members`)).text()
    expect(page).toContain(editor.email)
    expect(page).toContain('aria-current="page"')
    const added = await followRedirect(
      admin,
      await submitForm(admin, `/spaces/${spaceId}/members`, { email: 'soon@example.com', role: 'editor' }),
    )
    expect(added).toContain('soon@example.com')
    const notice = (text: string) => /<div id="result"[\s\S]*?<\/div>/.exec(text)?.[0] ?? ''
    expect(notice(added)).toContain('If soon@example.com has an account here, they are now editor of Shop;')
    // An address with an account gets the very same notice: the page says nothing of accounts elsewhere.
    const stranger = await makeUser()
    const granted = await followRedirect(
      admin,
      await submitForm(admin, `/spaces/${spaceId}/members`, { email: stranger.email, role: 'editor' }),
    )
    expect(notice(granted)).toBe(notice(added).replaceAll('soon@example.com', stranger.email))
    const bad = await followRedirect(
      admin,
      await submitForm(admin, `/spaces/${spaceId}/members`, { email: 'not-an-email', role: 'editor' }),
    )
    expect(bad).toContain('Enter an email address')
    expect(bad).toContain('value="not-an-email"')
  })

  it('removes a member after a confirmation page', async () => {
    const spaceId = await makeSpace('Shop')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const editor = await makeUser({ spaces: [{ spaceId, role: 'editor' }] })
    const confirm = await (await admin.fetch(`/spaces/${spaceId}/members/${editor.id}/remove`)).text()
    expect(confirm).toContain(`Remove ${editor.email}`)
    const done = await followRedirect(
      admin,
      await submitForm(admin, `/spaces/${spaceId}/members/${editor.id}/remove`, {}),
    )
    expect(done).toContain(`${editor.email} was removed from Shop.`)
  })

  it('is not offered to editors, and refused to them', async () => {
    const spaceId = await makeSpace()
    const editor = await loggedIn({ spaces: [{ spaceId, role: 'editor' }] })
    expect(await (await editor.fetch(`/spaces/${spaceId}`)).text()).not.toContain(
      `/spaces/${spaceId}/members`,
    )
    expect((await editor.fetch(`/spaces/${spaceId}/members`)).status).toBe(403)
  })
})
