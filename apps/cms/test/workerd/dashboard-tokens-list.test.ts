/**
 * The API tokens page with a long list, over HTTP: names unique among a space's
 * live tokens (a field error on the form, a 409 on the API, free again once revoked), live and revoked
 * tokens listed apart with the revocation time, a name search and numbered pages server side, every POST
 * answering 303 with a fragment to its result, and a reveal with a stale sign-in that resumes after it:
 * reveal → sign-in (email pre-filled) → the list offering that token's reveal → reveal.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { issueToken, member, testClock } from './api-tokens-helpers'
import { followRedirect, submitForm } from './forms'
import { client, PASSWORD } from './helpers'

const MINUTE = 60_000

async function liveCount(spaceId: string, name: string): Promise<number> {
  return (
    (await env.DB.prepare(
      'SELECT count(*) AS n FROM api_tokens WHERE space_id = ?1 AND name = ?2 AND revoked_at IS NULL',
    )
      .bind(spaceId, name)
      .first<number>('n')) ?? 0
  )
}

/** The token names in a table of the page, in order (`live` or `revoked`). */
function namesIn(html: string, table: 'Live' | 'Revoked'): string[] {
  const start = html.indexOf(`aria-label="${table} API tokens"`)
  if (start < 0) return []
  const body = html.slice(start, html.indexOf('</table>', start))
  return [...body.matchAll(/<tr id="row-tok_[^"]+"><td>([^<]*)<\/td>/g)].map((m) => m[1] ?? '')
}

describe('token names', () => {
  it('refuses a second live token of the same name with a field error, on the form and on the API', async () => {
    const admin = await member(testClock(), 'admin')
    const base = `/spaces/${admin.spaceId}/settings/tokens`
    await issueToken(admin, admin.spaceId, 'delivery', 'Website')
    const res = await submitForm(admin, base, { name: 'website', scope: 'preview' })
    expect(res.headers.get('location')).toBe(`${base}#form-errors`)
    const html = await followRedirect(admin, res)
    expect(html).toContain('A live token in this space already has this name')
    expect(html).toContain('id="form-errors" tabindex="-1"')
    expect(html).toContain('value="website"')
    expect(html).not.toContain('id="token-value"')
    const api = await admin.fetch(`/api/spaces/${admin.spaceId}/tokens`, {
      json: { name: 'Website', scope: 'delivery' },
    })
    expect(api.status).toBe(409)
    expect(await api.json()).toMatchObject({ code: 'conflict', reason: 'name_taken' })
    expect(await liveCount(admin.spaceId, 'Website')).toBe(1)
    expect(await liveCount(admin.spaceId, 'website')).toBe(0)
  })

  it('frees a name when its token is revoked, and keeps names per space', async () => {
    const admin = await member(testClock(), 'admin')
    const first = await issueToken(admin, admin.spaceId, 'delivery', 'CI')
    await admin.fetch(`/api/spaces/${admin.spaceId}/tokens/${first.id}`, { method: 'DELETE' })
    await issueToken(admin, admin.spaceId, 'delivery', 'CI')
    const other = await member(testClock(), 'admin')
    await issueToken(other, other.spaceId, 'delivery', 'CI')
    expect(await liveCount(admin.spaceId, 'CI')).toBe(1)
  })

  it('lets only one of two concurrent creates of one name through', async () => {
    const admin = await member(testClock(), 'admin')
    const create = () =>
      admin.fetch(`/api/spaces/${admin.spaceId}/tokens`, { json: { name: 'Race', scope: 'delivery' } })
    const statuses = (await Promise.all([create(), create(), create()])).map((r) => r.status).sort()
    expect(statuses).toEqual([201, 409, 409])
    expect(await liveCount(admin.spaceId, 'Race')).toBe(1)
  })
})

describe('the list, long', () => {
  it('puts the create form above the list and revoked tokens in their own section with the revocation time', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const base = `/spaces/${admin.spaceId}/settings/tokens`
    await issueToken(admin, admin.spaceId, 'delivery', 'Kept')
    const gone = await issueToken(admin, admin.spaceId, 'delivery', 'Gone')
    clock.advance(MINUTE)
    const revokeAt = clock.now()
    await admin.fetch(`/api/spaces/${admin.spaceId}/tokens/${gone.id}`, { method: 'DELETE' })
    const html = await (await admin.fetch(base)).text()
    expect(html.indexOf('id="create-token"')).toBeLessThan(html.indexOf('Live API tokens'))
    expect(namesIn(html, 'Live')).toEqual(['Kept'])
    expect(namesIn(html, 'Revoked')).toEqual(['Gone'])
    expect(html).toContain(`<details id="revoked"`)
    expect(html).toContain(`datetime="${new Date(revokeAt).toISOString()}"`)
  })

  it('searches names and pages 20 at a time, newest first, to the last token', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const base = `/spaces/${admin.spaceId}/settings/tokens`
    for (let i = 1; i <= 34; i++) {
      await issueToken(admin, admin.spaceId, 'delivery', `Token ${String(i).padStart(2, '0')}`)
      clock.advance(1000)
    }
    const first = await (await admin.fetch(base)).text()
    expect(namesIn(first, 'Live')).toHaveLength(20)
    expect(namesIn(first, 'Live')[0]).toBe('Token 34')
    expect(first).toContain('34 live tokens')
    expect(first).toContain(`href="${base}?page=2#live-tokens"`)
    const second = await (await admin.fetch(`${base}?page=2`)).text()
    expect(namesIn(second, 'Live')).toHaveLength(14)
    expect(namesIn(second, 'Live').at(-1)).toBe('Token 01')
    const found = await (await admin.fetch(`${base}?q=${encodeURIComponent('token 1')}`)).text()
    expect(namesIn(found, 'Live')).toEqual([
      'Token 19',
      'Token 18',
      'Token 17',
      'Token 16',
      'Token 15',
      'Token 14',
      'Token 13',
      'Token 12',
      'Token 11',
      'Token 10',
    ])
    // A `%` is a character searched for, not a wildcard.
    expect(namesIn(await (await admin.fetch(`${base}?q=%25`)).text(), 'Live')).toEqual([])
    // A page number someone typed wrong shows page 1, not an error.
    expect((await admin.fetch(`${base}?page=abc`)).status).toBe(200)
  })
})

describe('where a submit lands', () => {
  it('sends a create to #new-token, a reveal to #card-<id>, a revoke to #result, each a focusable target', async () => {
    const admin = await member(testClock(), 'admin')
    const base = `/spaces/${admin.spaceId}/settings/tokens`
    const created = await submitForm(admin, base, { name: 'Shop', scope: 'delivery' })
    expect(created.headers.get('location')).toBe(`${base}#new-token`)
    expect(await followRedirect(admin, created)).toMatch(/<section class="card" id="new-token" tabindex="-1"/)
    const id = (await env.DB.prepare('SELECT id FROM api_tokens WHERE space_id = ?1')
      .bind(admin.spaceId)
      .first<string>('id')) as string
    const revealed = await submitForm(admin, `${base}/${id}/reveal`, {})
    expect(revealed.headers.get('location')).toBe(`${base}#card-${id}`)
    expect(await followRedirect(admin, revealed)).toContain(`id="card-${id}" tabindex="-1"`)
    const revoked = await submitForm(admin, `${base}/${id}/revoke`, {})
    expect(revoked.headers.get('location')).toBe(`${base}#result`)
    // The landing point is the live status itself, so a screen reader says what happened when focus arrives.
    expect(await followRedirect(admin, revoked)).toMatch(
      /<div id="result" tabindex="-1" class="notice ok" role="status">The token “Shop” was revoked\.<\/div>/,
    )
  })

  it('says one true thing about seeing a token again, on create and on reveal', async () => {
    const admin = await member(testClock(), 'admin')
    const base = `/spaces/${admin.spaceId}/settings/tokens`
    const html = await followRedirect(
      admin,
      await submitForm(admin, base, { name: 'Copy', scope: 'delivery' }),
    )
    expect(html).not.toContain('shown only this once')
    expect(html).toContain('a space admin can reveal it later')
    expect(html).not.toMatch(/class="primary"[^>]*aria-label="Reveal/)
  })
})

describe('a reveal that needs a fresh sign-in', () => {
  it('goes to sign-in with the email filled in, then back to a form that reveals that token', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const base = `/spaces/${admin.spaceId}/settings/tokens`
    const { id, token } = await issueToken(admin, admin.spaceId, 'preview', 'Preview site')
    clock.advance(5 * MINUTE + 1)

    const stale = await submitForm(admin, `${base}/${id}/reveal`, {})
    expect(stale.status).toBe(303)
    const signIn = stale.headers.get('location') ?? ''
    const next = `${base}?reveal=${id}#reveal-now`
    expect(signIn).toBe(`/login?reason=reveal&next=${encodeURIComponent(next)}`)
    const form = await (await admin.fetch(signIn)).text()
    expect(form).toContain('Sign in again to reveal a token')
    expect(form).toContain(`value="${admin.user.email}"`)
    // Only for this re-auth: a plain sign-in page, or one without a session, names nobody.
    expect(await (await admin.fetch('/login')).text()).not.toContain(admin.user.email)
    expect(await (await client().fetch(signIn)).text()).not.toContain('@example.com')

    const action = /<form method="post" action="([^"]+)"/.exec(form)?.[1]?.replaceAll('&amp;', '&') ?? ''
    const back = await submitForm(admin, action, { email: admin.user.email, password: PASSWORD })
    expect(back.headers.get('location')).toBe(next)
    const offer = await followRedirect(admin, back)
    expect(offer).toContain('id="reveal-now" tabindex="-1"')
    expect(offer).toContain(`action="${base}/${id}/reveal"`)
    expect(offer).toContain('Reveal Preview site now')
    expect(offer).not.toContain(token)

    const shown = await followRedirect(admin, await submitForm(admin, `${base}/${id}/reveal`, {}))
    expect(shown).toContain(token)
  })

  it('offers no reveal for a revoked, unknown or malformed token id', async () => {
    const admin = await member(testClock(), 'admin')
    const base = `/spaces/${admin.spaceId}/settings/tokens`
    const { id } = await issueToken(admin, admin.spaceId, 'preview', 'Old')
    await admin.fetch(`/api/spaces/${admin.spaceId}/tokens/${id}`, { method: 'DELETE' })
    for (const wanted of [id, 'tok_AAAAAAAAAAAAAAAAAAAAAA', 'nonsense']) {
      const html = await (await admin.fetch(`${base}?reveal=${wanted}`)).text()
      expect(html).not.toContain('id="reveal-now"')
    }
  })
})
