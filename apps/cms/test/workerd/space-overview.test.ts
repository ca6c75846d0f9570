/**
 * A space has a home: `/spaces/<id>` is an overview with the space's name and id, what
 * it holds (entries, live API tokens, MCP integrations, preview URLs: only the counts the viewer's roles may
 * see) and links to its settings tabs by role, plus Rename for space admins. Every link an editor sees on
 * it opens for them.
 */
import { describe, expect, it } from 'vitest'
import { type Client, loggedIn, makeSpace } from './helpers'

async function fillSpace(admin: Client, spaceId: string): Promise<void> {
  const api = `/api/spaces/${spaceId}`
  for (const title of ['One', 'Two', 'Three']) {
    expect((await admin.fetch(`${api}/entries`, { json: { body: { title } } })).status).toBe(201)
  }
  const tokens: string[] = []
  for (const name of ['Web', 'App', 'Old']) {
    const res = await admin.fetch(`${api}/tokens`, { json: { name, scope: 'delivery' } })
    expect(res.status).toBe(201)
    tokens.push(((await res.json()) as { id: string }).id)
  }
  expect((await admin.fetch(`${api}/tokens/${tokens[2]}`, { method: 'DELETE' })).status).toBe(200)
  const mcp = { name: 'Search', url: 'https://mcp.example.com/mcp' }
  expect((await admin.fetch(`${api}/mcp`, { json: mcp })).status).toBe(201)
  for (const url of ['https://shop.example.com/', 'https://shop.example.com/de']) {
    expect((await admin.fetch(`${api}/preview-urls`, { json: { url } })).status).toBe(201)
  }
}

function count(html: string, what: string): string | undefined {
  return new RegExp(`id="count-${what}">([^<]*)<`).exec(html)?.[1]
}

function links(html: string): string[] {
  const main = html.slice(html.indexOf('<main'))
  return [...main.matchAll(/<a [^>]*href="([^"#]*)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))
}

/** Follows our own redirects (at most three) and answers the final status. */
async function finalStatus(c: Client, path: string): Promise<number> {
  let res = await c.fetch(path, { headers: { accept: 'text/html' } })
  for (let i = 0; i < 3 && res.status === 303; i++) {
    res = await c.fetch(res.headers.get('location') ?? '', { headers: { accept: 'text/html' } })
  }
  return res.status
}

describe('a space’s overview page', () => {
  it('shows an admin the name, the id, every count, every tab and Rename', async () => {
    const spaceId = await makeSpace('Storefront EU')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    await fillSpace(admin, spaceId)
    const res = await admin.fetch(`/spaces/${spaceId}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>Storefront EU</h1>')
    expect(html).toContain(`<code>${spaceId}</code>`)
    expect(count(html, 'entries')).toBe('3')
    expect(count(html, 'tokens')).toBe('2')
    expect(count(html, 'mcp')).toBe('1')
    expect(count(html, 'preview')).toBe('2')
    const hrefs = links(html)
    for (const path of ['settings/tokens', 'settings/mcp', 'settings/preview-urls', 'audit', 'rename']) {
      expect(hrefs).toContain(`/spaces/${spaceId}/${path}`)
    }
    for (const href of hrefs) expect(await finalStatus(admin, href), href).toBe(200)
  })

  it('shows an editor only what editors may see, and every link on it opens for them', async () => {
    const spaceId = await makeSpace('Editors’ space')
    const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] })
    await fillSpace(admin, spaceId)
    const editor = await loggedIn({ spaces: [{ spaceId, role: 'editor' }] })
    const res = await editor.fetch(`/spaces/${spaceId}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(count(html, 'entries')).toBe('3')
    expect(count(html, 'mcp')).toBe('1')
    expect(count(html, 'preview')).toBe('2')
    expect(count(html, 'tokens')).toBeUndefined()
    expect(html).not.toContain('API tokens')
    const hrefs = links(html)
    expect(hrefs).not.toContain(`/spaces/${spaceId}/settings/tokens`)
    expect(hrefs).not.toContain(`/spaces/${spaceId}/audit`)
    expect(hrefs).not.toContain(`/spaces/${spaceId}/rename`)
    expect(hrefs.length).toBeGreaterThan(2)
    for (const href of hrefs) expect(await finalStatus(editor, href), href).toBe(200)
  })

  it('is reached from the spaces list, and /settings leads to it', async () => {
    const spaceId = await makeSpace('Listed space')
    const editor = await loggedIn({ spaces: [{ spaceId, role: 'editor' }] })
    expect(links(await (await editor.fetch('/spaces')).text())).toContain(`/spaces/${spaceId}`)
    const settings = await editor.fetch(`/spaces/${spaceId}/settings`)
    expect(settings.status).toBe(303)
    expect(settings.headers.get('location')).toBe(`/spaces/${spaceId}`)
  })

  it('is not allowed for a member of another space, and not found for no such space', async () => {
    const mine = await makeSpace()
    const other = await makeSpace()
    const editor = await loggedIn({ spaces: [{ spaceId: mine, role: 'editor' }] })
    expect((await editor.fetch(`/spaces/${other}`, { headers: { accept: 'text/html' } })).status).toBe(403)
    const admin = await loggedIn({ globalAdmin: true })
    const missing = await admin.fetch(`/spaces/spc_${'A'.repeat(22)}`, { headers: { accept: 'text/html' } })
    expect(missing.status).toBe(404)
  })
})
