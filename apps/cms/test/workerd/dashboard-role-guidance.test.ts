/**
 * Guidance by role on the spaces list and a space's overview: each reader is told what their roles let
 * them do (read from the policy matrix through `can`), and nobody is invited to create or change what
 * their role cannot.
 */
import { describe, expect, it } from 'vitest'
import { loggedIn, makeSpace } from './helpers'

/** The text of the page's main landmark, tags dropped and spaces collapsed. */
async function mainText(res: Response): Promise<string> {
  const html = await res.text()
  return html
    .slice(html.indexOf('<main'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

describe('the spaces list', () => {
  it('tells an editor their role in each space and who creates spaces, with no empty Actions column', async () => {
    const spaceId = await makeSpace('Guided')
    const editor = await loggedIn({ spaces: [{ spaceId, role: 'editor' }] })
    const res = await editor.fetch('/spaces')
    const html = await res.clone().text()
    const text = await mainText(res)
    expect(text).toContain('Your role')
    expect(html).toMatch(/<td>editor<\/td>/)
    expect(text).toContain('Only a global admin creates spaces')
    expect(text).not.toContain('Create a space')
    expect(text).not.toContain('Actions')
  })

  it('keeps Rename for a space admin and the create form for a global admin', async () => {
    const spaceId = await makeSpace('Guided admin')
    const spaceAdmin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const asAdmin = await mainText(await spaceAdmin.fetch('/spaces'))
    expect(asAdmin).toContain('Rename')
    expect(asAdmin).toContain('Only a global admin creates spaces')
    const global = await loggedIn({ globalAdmin: true, spaces: [{ spaceId, role: 'editor' }] })
    const res = await global.fetch('/spaces')
    const html = await res.clone().text()
    const asGlobal = await mainText(res)
    expect(asGlobal).toContain('Create a space')
    // Their space role (editor) is not what they can do there: as a global admin, everything.
    expect(html).toContain(`<code>${spaceId}</code></td><td>global admin</td>`)
    expect(asGlobal).not.toContain('Only a global admin creates spaces')
  })
})

describe('a space’s overview', () => {
  it('lists what an editor can do here, and says a space admin manages the rest', async () => {
    const spaceId = await makeSpace('Editor home')
    const editor = await loggedIn({ spaces: [{ spaceId, role: 'editor' }] })
    const text = await mainText(await editor.fetch(`/spaces/${spaceId}`))
    expect(text).toContain('What you can do here')
    expect(text).toContain('Read and write its entries through the Content API')
    expect(text).toContain('Test its MCP integrations')
    expect(text).toContain('Probe its preview URLs')
    expect(text).not.toMatch(/Add and change|Create and revoke|Manage who/)
    expect(text).toContain(
      'Changing its integrations, preview URLs, tokens and members is for its space admins',
    )
  })

  it('lists what a space admin can do, and no "ask a space admin"', async () => {
    const spaceId = await makeSpace('Admin home')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    const text = await mainText(await admin.fetch(`/spaces/${spaceId}`))
    expect(text).toContain('Add and change MCP integrations')
    expect(text).toContain('Add and change preview URLs')
    expect(text).toContain('Create, roll and revoke API tokens')
    expect(text).toContain('Manage who has a role here')
    expect(text).not.toContain('is for its space admins')
  })
})
