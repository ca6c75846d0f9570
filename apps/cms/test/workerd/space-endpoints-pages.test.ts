/**
 * The MCP Integrations and Preview URLs pages put a POST's result at the card it is about: the 303 names
 * the card's result region (`#result-<id>`) or its error summary (`#errors-<id>`, the add form's
 * `#form-errors`), that region is in the card, focusable (`tabindex="-1"`) and announced (`role` status or
 * alert, named by the card's heading and the result). A failed call says why once, not twice. A refused
 * Add or Save keeps what was typed but never the secret, and asks for the secret again. A reader who may
 * not edit (an editor) gets no form but the call's, and words that do not ask them to edit.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { OUTBOUND_FAILURE_REASONS } from '../../src/outbound/reasons'
import { failureText } from '../../src/views/outbound-messages'
import { createFakeMcp } from '../node/fixtures/fake-mcp'
import { followRedirect, submitForm } from './forms'
import type { Client } from './helpers'
import { routedFetch, spaceWithRoles } from './outbound-helpers'

const BEARER = 'mcp-bearer-Pages7Lq2Xw9Tz'
const TYPED_SECRET = 'typed-secret-Kp3Vn8Rb1Qy'
const REFUSED =
  'Could not connect to the server. Check the address and that the server is up, then try again.'
const mcpServer = createFakeMcp({ mode: 'json', bearer: BEARER })
const upstream = routedFetch({
  'mcp.example': mcpServer.handler,
  'open.example': () => new Response('hello'),
})

let s: Awaited<ReturnType<typeof spaceWithRoles>>
beforeAll(async () => {
  s = await spaceWithRoles({ deps: { outboundFetch: upstream.fetch, outboundTimeoutMs: 500 } })
})

const mcpPage = (): string => `/spaces/${s.spaceId}/settings/mcp`
const previewPage = (): string => `/spaces/${s.spaceId}/settings/preview-urls`

async function created(c: Client, api: string, body: Record<string, unknown>): Promise<string> {
  const res = await c.fetch(`/api/spaces/${s.spaceId}/${api}`, { json: body })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

/** The HTML of one endpoint card: from its opening tag to the next card. */
function cardOf(html: string, id: string): string {
  const start = html.indexOf(`id="card-${id}"`)
  expect(start, `card ${id}`).toBeGreaterThan(-1)
  const next = html.indexOf('<section class="card"', start)
  return html.slice(start, next === -1 ? undefined : next)
}

const times = (html: string, text: string): number => html.split(text).length - 1

/** POSTs a form and expects a 303 to `page#fragment`; the page it leads to. */
async function landsAt(c: Client, path: string, fields: Record<string, string>, page: string, hash: string) {
  const res = await submitForm(c, path, fields)
  expect(res.headers.get('location')).toBe(`${page}#${hash}`)
  return followRedirect(c, res)
}

/** The opening tag of the element with this id. */
function tagOf(html: string, id: string): string {
  const at = html.indexOf(`id="${id}"`)
  expect(at, id).toBeGreaterThan(-1)
  return html.slice(html.lastIndexOf('<', at), html.indexOf('>', at) + 1)
}

describe('a call lands at its card', () => {
  it('a failed MCP test: at the card, focusable, an alert named by the card, the reason said once', async () => {
    const id = await created(s.admin, 'mcp', { name: 'Down server', url: 'https://down.example/mcp' })
    await created(s.admin, 'mcp', { name: 'After it', url: 'https://mcp.example/after' })
    const html = await landsAt(s.admin, `${mcpPage()}/${id}/test`, {}, mcpPage(), `result-${id}`)
    const tag = tagOf(html, `result-${id}`)
    expect(tag).toContain('tabindex="-1"')
    expect(tag).toContain('role="alert"')
    expect(tag).toContain(`aria-labelledby="mcp-${id} result-${id}-text"`)
    expect(cardOf(html, id)).toContain(`id="result-${id}"`)
    expect(times(html, REFUSED)).toBe(1)
    expect(cardOf(html, id)).toContain(REFUSED)
  })

  it('a passing MCP test is a status at its card', async () => {
    const id = await created(s.admin, 'mcp', { name: 'Up', url: 'https://mcp.example/mcp', secret: BEARER })
    const html = await landsAt(s.editor, `${mcpPage()}/${id}/test`, {}, mcpPage(), `result-${id}`)
    expect(tagOf(html, `result-${id}`)).toContain('role="status"')
    expect(cardOf(html, id)).toContain('2 tools available')
  })

  it('a preview probe: at its card, a failure said once', async () => {
    const id = await created(s.admin, 'preview-urls', { url: 'https://down.example/preview' })
    const html = await landsAt(s.editor, `${previewPage()}/${id}/probe`, {}, previewPage(), `result-${id}`)
    expect(tagOf(html, `result-${id}`)).toContain('tabindex="-1"')
    expect(times(html, 'Could not connect to the server')).toBe(1)
    expect(cardOf(html, id)).toContain('Could not connect to the server')
  })

  it('a call whose stored secret no key opens asks for it again, at its card', async () => {
    const id = await created(s.admin, 'mcp', { name: 'Sealed', url: 'https://mcp.example/s', secret: BEARER })
    const row = await env.DB.prepare('SELECT bearer_sealed AS sealed FROM mcp_integrations WHERE id = ?1')
      .bind(id)
      .first<{ sealed: string }>()
    const sealed = row?.sealed ?? ''
    const tampered = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.slice(-1)}`
    await env.DB.prepare('UPDATE mcp_integrations SET bearer_sealed = ?1 WHERE id = ?2')
      .bind(tampered, id)
      .run()
    const html = await landsAt(s.admin, `${mcpPage()}/${id}/test`, {}, mcpPage(), `result-${id}`)
    expect(cardOf(html, id)).toContain('cannot be opened with the configured keys: enter it again.')
    const read = await landsAt(s.editor, `${mcpPage()}/${id}/test`, {}, mcpPage(), `result-${id}`)
    expect(cardOf(read, id)).toContain('Ask a space admin to enter it again.')
    expect(read).not.toContain('keys: enter it again')
  })
})

describe('Add and Save land at their card', () => {
  it('a saved change lands on its card’s notice', async () => {
    const id = await created(s.admin, 'mcp', { name: 'Rename me', url: 'https://mcp.example/r' })
    const fields = { name: 'Renamed', url: 'https://mcp.example/r', secret: '' }
    const html = await landsAt(s.admin, `${mcpPage()}/${id}`, fields, mcpPage(), `result-${id}`)
    expect(tagOf(html, `result-${id}`)).toContain('role="status"')
    expect(cardOf(html, id)).toContain('Saved “Renamed”.')
  })

  it('an added integration lands on its new card', async () => {
    const fields = { name: 'Brand new', url: 'https://mcp.example/new', secret: '' }
    const res = await submitForm(s.admin, mcpPage(), fields)
    const hash = /#result-(mcp_[A-Za-z0-9_-]{22})$/.exec(res.headers.get('location') ?? '')
    expect(hash).not.toBeNull()
    const html = await followRedirect(s.admin, res)
    expect(cardOf(html, hash?.[1] ?? '')).toContain('Added “Brand new”.')
  })

  it('a refused Save lands on the card’s error summary, keeps the typed name and URL, never the secret', async () => {
    const id = await created(s.admin, 'mcp', { name: 'Keep me', url: 'https://mcp.example/k' })
    const fields = { name: 'Typed name', url: 'ftp://typed.example/mcp', secret: TYPED_SECRET }
    const html = await landsAt(s.admin, `${mcpPage()}/${id}`, fields, mcpPage(), `errors-${id}`)
    const card = cardOf(html, id)
    expect(tagOf(html, `errors-${id}`)).toContain('tabindex="-1"')
    expect(card).toContain(`id="errors-${id}"`)
    expect(card).toContain('value="Typed name"')
    expect(card).toContain('value="ftp://typed.example/mcp"')
    expect(card).toContain('Enter the secret again')
    expect(html).not.toContain(TYPED_SECRET)
    expect(times(html, 'Only https:// addresses are allowed')).toBe(2) // the summary's link and the field's
  })

  it('a refused Add lands on the add form’s error summary, keeps name and URL, never the secret', async () => {
    const fields = { label: 'Staging <DE>', url: 'shop.example.com/de', secret: TYPED_SECRET }
    const html = await landsAt(s.admin, previewPage(), fields, previewPage(), 'form-errors')
    expect(tagOf(html, 'form-errors')).toContain('tabindex="-1"')
    expect(html).toContain('value="Staging &lt;DE&gt;"')
    expect(html).toContain('value="shop.example.com/de"')
    expect(html).toContain('Enter the secret again')
    expect(html).not.toContain(TYPED_SECRET)
    const empty = await landsAt(s.admin, previewPage(), { url: 'nope' }, previewPage(), 'form-errors')
    expect(empty).not.toContain('Enter the secret again')
  })
})

describe('a reader who may not edit', () => {
  it('gets the call button only, and words that do not ask them to edit', async () => {
    const id = await created(s.admin, 'mcp', { name: 'Wrong key', url: 'https://mcp.example/w' })
    const html = await landsAt(s.editor, `${mcpPage()}/${id}/test`, {}, mcpPage(), `result-${id}`)
    expect(html).not.toContain(`action="${mcpPage()}"`)
    expect(html).not.toContain(`action="${mcpPage()}/${id}"`)
    expect(html).not.toContain('Edit Wrong key')
    expect(html).toContain('A space admin adds, changes and removes them.')
    expect(cardOf(html, id)).toContain('The server refused the credentials. Ask a space admin to')
    expect(html).not.toContain('Enter the current secret in the secret field and save')
    const admin = await landsAt(s.admin, `${mcpPage()}/${id}/test`, {}, mcpPage(), `result-${id}`)
    expect(cardOf(admin, id)).toContain('Enter the current secret in the secret field and save')
    expect(admin).not.toContain('A space admin adds, changes and removes them.')
  })

  it('reads the preview page without forms or edit wording', async () => {
    await created(s.admin, 'preview-urls', { url: 'https://open.example/read' })
    const html = await (await s.editor.fetch(previewPage())).text()
    expect(html).not.toContain(`action="${previewPage()}"`)
    expect(html).not.toContain('Edit this preview URL')
    expect(html).toContain('A space admin adds, changes and removes them.')
  })
})

describe('failure sentences for a reader who may not edit', () => {
  it('never tell them to edit or enter anything themselves, and name no code', () => {
    for (const reason of [...OUTBOUND_FAILURE_REASONS, 'no_such_reason']) {
      const text = failureText(reason, 'reader')
      expect(text, reason).not.toMatch(/(^|\. )(Edit|Enter|Check that the secret)/)
      expect(text, reason).not.toMatch(/_|\dxx/)
    }
    expect(failureText('unauthorized', 'manager')).toContain('Enter the current secret')
  })
})
