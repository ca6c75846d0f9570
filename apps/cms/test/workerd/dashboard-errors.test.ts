/**
 * Errors that say what to fix: the MCP and preview URL pages show a sentence per
 * refused-URL problem and per outbound failure reason, never zod's own text or a bare code; every field
 * error shows in one pass, typed values come back, secrets never do.
 */
import { describe, expect, it } from 'vitest'
import { OUTBOUND_FAILURE_REASONS } from '../../src/outbound/reasons'
import { failureText } from '../../src/views/outbound-messages'
import { submitAndFollow } from './forms'
import { type Client, loggedIn, makeSpace } from './helpers'
import { routedFetch } from './outbound-helpers'

const SECRET = 'typed-secret-value-Zq81xW'

async function adminOf(deps?: Parameters<typeof loggedIn>[1]): Promise<{ admin: Client; spaceId: string }> {
  const spaceId = await makeSpace('Errors space')
  const admin = await loggedIn({ spaces: [{ spaceId, role: 'admin' }] }, deps)
  return { admin, spaceId }
}

const RAW_TEXT = [
  /not allowed for outbound calls/,
  /\(invalid url\)/,
  /Invalid input/,
  /Too small/,
  /expected string/,
]

describe('dashboard field errors say what to fix', () => {
  it.each([
    ['not a url', 'Enter a full address starting with https://'],
    ['ftp://files.example.com/mcp', 'Only https:// addresses are allowed'],
    ['shop.example.com', 'Add https:// in front of the address'],
    ['https://user:pw@mcp.example.com/', 'Remove the user name and password from the address'],
    ['https://10.0.0.1/mcp', 'Use a public address'],
    ['https://localhost/mcp', 'Use a public address'],
  ])('an MCP URL %j gets “%s”, and the typed name and URL come back', async (url, message) => {
    const { admin, spaceId } = await adminOf()
    const html = await submitAndFollow(admin, `/spaces/${spaceId}/settings/mcp`, { name: 'Shop tools', url })
    expect(html).toContain(message)
    for (const raw of RAW_TEXT) expect(html).not.toMatch(raw)
    expect(html).toContain('value="Shop tools"')
    expect(html).toContain(`value="${url}"`)
  })

  it('shows every field error in one pass and never echoes the secret', async () => {
    const { admin, spaceId } = await adminOf()
    const html = await submitAndFollow(admin, `/spaces/${spaceId}/settings/mcp`, {
      name: '',
      url: 'ftp://files.example.com/',
      secret: SECRET,
    })
    expect(html).toContain('Give the integration a name')
    expect(html).toContain('Only https:// addresses are allowed')
    expect(html).not.toContain(SECRET)
  })

  it('shows a field a stale form did not send as “Enter a name”, not zod’s text', async () => {
    const { admin, spaceId } = await adminOf()
    const html = await submitAndFollow(admin, `/spaces/${spaceId}/settings/mcp`, {
      url: 'https://mcp.example.com/',
    })
    expect(html).toContain('Enter a name')
    for (const raw of RAW_TEXT) expect(html).not.toMatch(raw)
  })

  it('keeps zod’s text out of the JSON API too', async () => {
    const { admin, spaceId } = await adminOf()
    const res = await admin.fetch(`/api/spaces/${spaceId}/mcp`, { json: {} })
    expect(res.status).toBe(400)
    const body = await res.text()
    expect(body).toContain('Enter a name')
    for (const raw of RAW_TEXT) expect(body).not.toMatch(raw)
  })

  it('says what to fix when a preview URL is edited to an address without a scheme', async () => {
    const { admin, spaceId } = await adminOf()
    const base = `/spaces/${spaceId}/settings/preview-urls`
    const created = await admin.fetch(`/api/spaces/${spaceId}/preview-urls`, {
      json: { url: 'https://shop.example.com/preview' },
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const html = await submitAndFollow(admin, `${base}/${id}`, { url: 'shop.example.com/preview' })
    expect(html).toContain('Add https:// in front of the address')
    expect(html).toContain('value="shop.example.com/preview"')
    for (const raw of RAW_TEXT) expect(html).not.toMatch(raw)
  })
})

describe('dashboard outbound failures say what to do next', () => {
  it('a refused MCP test shows a sentence with a next step, not the bare code', async () => {
    const upstream = routedFetch({})
    const { admin, spaceId } = await adminOf({
      deps: { outboundFetch: upstream.fetch, outboundTimeoutMs: 500 },
    })
    const created = await admin.fetch(`/api/spaces/${spaceId}/mcp`, {
      json: { name: 'Down', url: 'https://down.example/mcp' },
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const html = await submitAndFollow(admin, `/spaces/${spaceId}/settings/mcp/${id}/test`, {})
    expect(html).toContain('Could not connect to the server. Check the address and that the server is up')
    expect(html).not.toMatch(/failed: refused/)
  })

  it('a failed preview probe shows a sentence with a next step, not the bare code', async () => {
    const upstream = routedFetch({})
    const { admin, spaceId } = await adminOf({
      deps: { outboundFetch: upstream.fetch, outboundTimeoutMs: 500 },
    })
    const created = await admin.fetch(`/api/spaces/${spaceId}/preview-urls`, {
      json: { url: 'https://down.example/preview' },
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const html = await submitAndFollow(admin, `/spaces/${spaceId}/settings/preview-urls/${id}/probe`, {})
    expect(html).toContain('Could not connect to the server')
    expect(html).not.toMatch(/failed: refused/)
  })

  it('has its own sentence for every reason of the vocabulary, none showing the code', () => {
    const generic = failureText('no_such_reason')
    for (const reason of OUTBOUND_FAILURE_REASONS) {
      expect(failureText(reason)).not.toBe(generic)
      // No code like `bad_signature` or `http_4xx` leaks through.
      expect(failureText(reason)).not.toMatch(/_|\dxx/)
    }
  })
})
